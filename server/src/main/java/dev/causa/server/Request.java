package dev.causa.server;

import com.sun.net.httpserver.HttpExchange;
import dev.causa.engine.model.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** One API request: its path parameters, its query, and its body read within {@link #MAX_BODY}. */
public final class Request {

    /** The largest body accepted (1 MiB); a larger one is answered 413. */
    public static final int MAX_BODY = 1 << 20;
    /** How much of a too large body is read and thrown away so the client sees the 413 rather than a reset. */
    private static final long DRAIN_AT_MOST = 16L << 20;

    private final HttpExchange exchange;
    private final Map<String, String> params;
    private final Map<String, String> query;

    Request(HttpExchange exchange, Map<String, String> params) {
        this.exchange = exchange;
        this.params = params;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    public HttpExchange exchange() {
        return exchange;
    }

    /** A path parameter, e.g. {@code id} of {@code /api/v1/jobs/{id}}, decoded. */
    public String param(String name) {
        return params.get(name);
    }

    /** A query parameter, or null; given empty ({@code ?detach}) it is the empty string. */
    public String query(String name) {
        return query.get(name);
    }

    /** A query parameter that is absent, or empty, is null. */
    public String queryOrNull(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** A flag: present without a value, or {@code true}/{@code 1}/{@code yes}. */
    public boolean flag(String name) {
        String value = query.get(name);
        if (value == null) return false;
        return switch (value) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiError.badInput(name + " must be true or false, not '" + value + "'");
        };
    }

    /** {@code limit}: 1 to {@code max}, default {@code otherwise}. */
    public int limit(int otherwise, int max) {
        String value = queryOrNull("limit");
        if (value == null) return otherwise;
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) return limit;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badInput("limit must be a whole number from 1 to " + max + ", not '" + value + "'");
    }

    /** {@code cursor}: a page's {@code next} (an id), or null for the first page. */
    public String cursor() {
        String cursor = queryOrNull("cursor");
        if (cursor != null && (cursor.length() != Ids.LENGTH || Ids.parse(cursor) < 0)) {
            throw ApiError.badInput("not a page cursor: '" + cursor + "' (use the next of the previous page)");
        }
        return cursor;
    }

    /** The body as UTF-8 text, empty if none; over {@link #MAX_BODY} bytes answers 413. */
    public String body() throws IOException {
        long declared = contentLength();
        InputStream in = exchange.getRequestBody();
        if (declared > DRAIN_AT_MOST) throw tooLarge(null); // not worth reading: the connection is closed after
        if (declared > MAX_BODY) throw tooLarge(in);
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) throw tooLarge(in);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badInput("the body is not UTF-8 text");
        }
    }

    private long contentLength() {
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        if (value == null) return -1;
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badInput("bad Content-Length");
        }
    }

    private static ApiError tooLarge(InputStream in) throws IOException {
        long drained = 0;
        byte[] sink = new byte[64 * 1024];
        for (int n; in != null && drained < DRAIN_AT_MOST && (n = in.read(sink)) >= 0; ) drained += n;
        return new ApiError(413, "too_large", "the request body is larger than " + (MAX_BODY >> 20) + " MiB");
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (out.putIfAbsent(key, value) != null) throw ApiError.badInput("query parameter " + key + " given twice");
        }
        return out;
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badInput("bad percent-encoding in the URL");
        }
    }
}
