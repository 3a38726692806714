package dev.causa.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a handler answers: a status, a JSON body and extra headers; or {@link #STREAMED} when the handler wrote the
 * response itself (server-sent events).
 */
public record Reply(int status, JsonNode body, Map<String, String> headers) {

    /** The handler has written the whole response itself. */
    public static final Reply STREAMED = new Reply(0, null, Map.of());

    public static Reply ok(JsonNode body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply accepted(JsonNode body, String location) {
        return new Reply(202, body, location == null ? Map.of() : Map.of("Location", location));
    }
}
