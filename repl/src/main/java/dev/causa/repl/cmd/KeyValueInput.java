package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.json.Json;
import java.util.List;

/**
 * Action input given as words: either one JSON object, or {@code key=value} pairs. A value that is valid JSON
 * is taken as JSON ({@code mode=deep} is a string, {@code depth=3} a number); for a list field a plain value may
 * be comma-separated ({@code sources=/a,/b}).
 */
final class KeyValueInput {

    private KeyValueInput() {
    }

    static String toJson(List<String> words, JsonNode schema) {
        if (words == null || words.isEmpty()) return "{}";
        if (words.size() == 1 && words.getFirst().trim().startsWith("{")) return words.getFirst();
        ObjectNode input = Json.object();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw CausaException.badInput("expected a JSON object or key=value pairs, got '" + word + "'");
            }
            String key = word.substring(0, eq);
            String value = word.substring(eq + 1);
            boolean list = "array".equals(schema.path("properties").path(key).path("type").asText());
            input.set(key, value(value, list));
        }
        return input.toString();
    }

    private static JsonNode value(String text, boolean list) {
        JsonNode parsed;
        try {
            parsed = Json.parse(text);
        } catch (Exception notJson) {
            parsed = TextNode.valueOf(text);
        }
        if (list && !parsed.isArray()) {
            ArrayNode items = Json.mapper().createArrayNode();
            for (String item : text.split(",")) items.add(item.trim());
            return items;
        }
        return parsed;
    }
}
