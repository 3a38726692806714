package dev.causa.engine.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.json.Json;
import java.util.stream.Collectors;

/** Binds user JSON to an action's input record, turning Jackson's complaints into one line a user can act on. */
public final class InputBinder {

    private InputBinder() {
    }

    /** Parses text that must be a JSON object. */
    public static JsonNode parseObject(String actionType, String text) {
        JsonNode node;
        try {
            node = Json.parse(text == null || text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            // a broken limit (nesting deeper than 1,000, a number too long) carries no location
            var at = e.getLocation();
            throw CausaException.badInput("invalid JSON input for " + actionType + ": " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (!node.isObject()) {
            throw CausaException.badInput("the input of " + actionType + " must be a JSON object, not "
                    + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    public static <I> I bind(String actionType, JsonNode input, Class<I> type) {
        try {
            I bound = Json.mapper().treeToValue(input, type);
            if (bound == null) throw CausaException.badInput("the input of " + actionType + " is empty");
            return bound;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw CausaException.badInput("unknown field '" + e.getPropertyName() + "' in the input of " + actionType
                    + (known.isEmpty() ? "" : " (fields: " + known + ")"));
        } catch (InvalidFormatException e) {
            throw CausaException.badInput("field '" + path(e) + "' of " + actionType + ": '" + e.getValue()
                    + "' is not a valid " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (!field.isEmpty() && !field.contains("[") && !field.contains(".") && !input.has(field)) {
                throw CausaException.badInput("field '" + field + "' of " + actionType + " is required");
            }
            String target = e.getTargetType() == null ? "value" : simpleName(e.getTargetType());
            throw CausaException.badInput((field.isEmpty() ? "the input" : "field '" + field + "'") + " of "
                    + actionType + " must be " + article(target));
        } catch (JsonProcessingException e) {
            throw CausaException.badInput("invalid input for " + actionType + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw CausaException.badInput("invalid input for " + actionType + ": " + rootMessage(e));
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleName(Class<?> type) {
        if (type == String.class) return "string";
        if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase();
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "list";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "number";
        if (type == Boolean.class || type == boolean.class) return "boolean";
        return "object";
    }

    private static String article(String noun) {
        return noun.startsWith("one of") ? noun : ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }
}
