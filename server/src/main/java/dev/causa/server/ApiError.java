package dev.causa.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.store.StoreException;
import java.util.NoSuchElementException;

/**
 * An error answer of the API: {@code {"error": "<one line>", "kind": "..."}} with its HTTP status. The kinds are
 * those of the CLI's errors ({@code bad_input} 400, {@code not_found} 404, {@code conflict} 409, {@code engine}
 * 500), and the HTTP layer's own: {@code unauthorized} 401, {@code method_not_allowed} 405, {@code too_large} 413.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String kind;

    public ApiError(int status, String kind, String message) {
        super(message);
        this.status = status;
        this.kind = kind;
    }

    public static ApiError badInput(String message) {
        return new ApiError(400, "bad_input", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "a valid token is required: Authorization: Bearer <token from "
                + "serve.token>, or open the link causa serve printed");
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    /** The JSON body. */
    public ObjectNode json() {
        ObjectNode json = Json.object();
        json.put("error", getMessage());
        json.put("kind", kind);
        return json;
    }

    /** The API's answer to what a handler threw: the CLI's message and the kind that goes with its exit code. */
    public static ApiError of(Throwable e) {
        Throwable cause = (e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null
                ? e.getCause() : e;
        return switch (cause) {
            case ApiError api -> api;
            case CausaException c -> switch (c.kind()) {
                case BAD_INPUT -> new ApiError(400, "bad_input", c.getMessage());
                case NOT_FOUND -> new ApiError(404, "not_found", c.getMessage());
                case CONFLICT -> new ApiError(409, "conflict", c.getMessage());
                case ENGINE -> new ApiError(500, "engine", c.getMessage());
            };
            case NoSuchElementException n -> new ApiError(404, "not_found", oneLine(n.getMessage(), "not found"));
            case StoreException s -> new ApiError(500, "engine", oneLine(s.getMessage(), "store error"));
            case IllegalArgumentException i -> new ApiError(400, "bad_input", oneLine(i.getMessage(), "bad input"));
            default -> new ApiError(500, "engine", "internal error: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage(), "")));
        };
    }

    private static String oneLine(String message, String otherwise) {
        if (message == null || message.isBlank()) return otherwise;
        String line = message.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() <= 1000 ? line : line.substring(0, 1000) + " …";
    }
}
