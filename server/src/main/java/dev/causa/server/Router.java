package dev.causa.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request by method and path ({@code /api/v1/jobs/{id}/pause}) to its handler, after the token check, and
 * answers everything as JSON: the handler's reply, or {@link ApiError} for what it threw, an unknown path (404) or
 * method (405). Routes can be added while serving: other services of a long-running engine (schedules) add theirs.
 */
public final class Router implements HttpHandler {

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request) throws Exception;
    }

    private record Route(String method, String[] segments, Handler handler) {

        /** The path parameters if the path matches, else null. */
        Map<String, String> match(String[] path) {
            if (path.length != segments.length) return null;
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < path.length; i++) {
                String s = segments[i];
                if (s.startsWith("{") && s.endsWith("}")) {
                    if (path[i].isEmpty()) return null;
                    params.put(s.substring(1, s.length() - 1), path[i]);
                } else if (!s.equals(path[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Tokens tokens;

    public Router(Tokens tokens) {
        this.tokens = tokens;
    }

    public Router get(String path, Handler handler) {
        return add("GET", path, handler);
    }

    public Router post(String path, Handler handler) {
        return add("POST", path, handler);
    }

    public Router delete(String path, Handler handler) {
        return add("DELETE", path, handler);
    }

    /** Adds a route; a path segment {@code {name}} matches one segment, read with {@link Request#param}. */
    public Router add(String method, String path, Handler handler) {
        routes.add(new Route(method, split(path), handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (Throwable e) {
                ApiError error = ApiError.of(e);
                if (error.status() >= 500) log.warn("{} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e);
                reply = new Reply(error.status(), error.json(), Map.of());
            }
            if (reply != Reply.STREAMED) send(exchange, reply);
        } catch (IOException gone) {
            log.debug("client went away", gone);
        }
    }

    private Reply route(HttpExchange exchange) throws Exception {
        String rawPath = exchange.getRequestURI().getRawPath();
        if (rawPath.equals("/")) return tokens.openDashboard(exchange);
        if (!tokens.authorized(exchange)) throw ApiError.unauthorized();
        String[] path = decodeAll(split(rawPath));
        String method = exchange.getRequestMethod();
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) continue;
            if (route.method.equals(method) || (method.equals("HEAD") && route.method.equals("GET"))) {
                return route.handler.handle(new Request(exchange, params));
            }
            allowed.add(route.method);
        }
        if (allowed.isEmpty()) throw ApiError.notFound("no such resource: " + abbreviate(rawPath));
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new ApiError(405, "method_not_allowed", method + " is not allowed on " + abbreviate(rawPath)
                + " (allowed: " + String.join(", ", allowed) + ")");
    }

    static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body() == null ? new byte[0] : Json.mapper().writeValueAsBytes(reply.body());
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        secure(exchange);
        reply.headers().forEach(headers::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Headers on every answer: never cached, never sniffed as something else, never framed. */
    static void secure(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
    }

    private static String[] split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) out.add(s);
        if (!out.isEmpty() && out.getFirst().isEmpty()) out.removeFirst();
        if (out.size() > 1 && out.getLast().isEmpty()) out.removeLast(); // a trailing slash is the same resource
        return out.toArray(String[]::new);
    }

    private static String[] decodeAll(String[] raw) {
        String[] out = new String[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = java.net.URLDecoder.decode(raw[i].replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
