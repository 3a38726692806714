package dev.causa.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The API's one secret: a random 256-bit token kept in {@code <home>/serve.token} (mode 0600, reused while it
 * exists). A request carries it as {@code Authorization: Bearer <token>} or as the cookie {@code causa_token},
 * which opening {@code /?token=<token>} sets (HttpOnly, SameSite=Strict) before it redirects to {@code /}. Tokens
 * are compared in constant time.
 */
public final class Tokens {

    public static final String FILE = "serve.token";
    public static final String COOKIE = "causa_token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final byte[] token;

    private Tokens(Path file, String token) {
        this.file = file;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    /** The token of a home: read from its file, or made and written (owner-only) if there is none. */
    public static Tokens of(Path home) throws IOException {
        Path file = home.resolve(FILE);
        Files.createDirectories(home);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            // written whole, owner-only from the start, then moved in place: never seen half-written or readable
            Path fresh = Files.createTempFile(home, FILE, ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(fresh, HexFormat.of().formatHex(random) + "\n");
            Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) Files.setPosixFilePermissions(file, OWNER_ONLY);
        String token = Files.readString(file).strip();
        if (token.length() < 32) throw new IOException(file + " holds no usable token: delete it to get a new one");
        return new Tokens(file, token);
    }

    public Path file() {
        return file;
    }

    /** The token itself, for the link {@code causa serve} prints. */
    public String token() {
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** Whether {@code candidate} is the token (constant time). */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request carries the token, as a bearer token or as the cookie. */
    public boolean authorized(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).strip())) {
            return true;
        }
        for (String cookies : headers.getOrDefault("Cookie", java.util.List.of())) {
            for (String cookie : cookies.split(";")) {
                int eq = cookie.indexOf('=');
                if (eq > 0 && cookie.substring(0, eq).strip().equals(COOKIE)
                        && matches(cookie.substring(eq + 1).strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code /}: with {@code ?token=} the right token, sets the cookie and redirects to {@code /} (so the token
     * leaves the address bar and the history); with the cookie, the dashboard's place; otherwise 401.
     */
    Reply openDashboard(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String given = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) given = Request.decode(pair.substring(6));
            }
        }
        var headers = exchange.getResponseHeaders();
        Router.secure(exchange);
        if (given != null) {
            if (!matches(given)) throw ApiError.unauthorized();
            headers.add("Set-Cookie", COOKIE + "=" + token() + "; Path=/; HttpOnly; SameSite=Strict");
            headers.set("Location", "/");
            exchange.sendResponseHeaders(303, -1);
            return Reply.STREAMED;
        }
        if (!authorized(exchange)) throw ApiError.unauthorized();
        byte[] page = ("causa " + dev.causa.engine.Causa.VERSION + " serves its API under /api/v1 (see docs/api.md)"
                + "; the dashboard is not part of this build yet.\n").getBytes(StandardCharsets.UTF_8);
        headers.set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
        return Reply.STREAMED;
    }
}
