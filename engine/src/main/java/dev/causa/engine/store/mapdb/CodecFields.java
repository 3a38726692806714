package dev.causa.engine.store.mapdb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field types of stored records, written to Smile and read back as JSON binding read them from JSON text
 * (see {@link RecordCodec}): text, lists of text, states, instants, numbers and free-form values.
 */
final class CodecFields {

    private CodecFields() {
    }

    static final ObjectWriter VALUES = Json.mapper().writer();
    static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();
    static final JobState[] STATES = JobState.values();
    static final String[] LABELS = java.util.Arrays.stream(STATES).map(JobState::label)
            .toArray(String[]::new);


    /** Null fields are left out: reading gives them the value a null gave in JSON. */
    static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }

    static String string(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (t == JsonToken.VALUE_NULL) return null;
        throw problem(p, "expected text, found " + t);
    }

    static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (String value : values) {
            if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value);
            }
        }
        g.writeEndArray();
    }

    static List<String> strings(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(string(p, t));
        return out;
    }

    static void state(JsonGenerator g, String name, JobState state) throws IOException {
        string(g, name, state == null ? null : LABELS[state.ordinal()]);
    }

    static JobState state(JsonParser p, JsonToken t) throws IOException {
        String text = string(p, t);
        if (text == null) return null;
        for (int i = 0; i < LABELS.length; i++) {
            if (LABELS[i].equals(text)) return STATES[i];
        }
        try {
            return JobState.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem(p, e.getMessage());
        }
    }

    /** Nanoseconds since the epoch when they fit in a long (years 1677 to 2262), else ISO-8601 text. */
    static void instant(JsonGenerator g, String name, Instant at) throws IOException {
        if (at == null) return;
        g.writeFieldName(name);
        if (at.getEpochSecond() > -MAX_NANO_SECONDS && at.getEpochSecond() < MAX_NANO_SECONDS) {
            g.writeNumber(at.getEpochSecond() * NANOS + at.getNano());
        } else {
            g.writeString(at.toString());
        }
    }

    static final long NANOS = 1_000_000_000L;
    static final long MAX_NANO_SECONDS = Long.MAX_VALUE / NANOS - 1;

    static Instant instant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long nanos = p.getLongValue();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getText());
            } catch (java.time.format.DateTimeParseException e) {
                throw problem(p, e.getMessage());
            }
        }
        if (t == JsonToken.VALUE_NULL) return null;
        throw problem(p, "expected an instant, found " + t);
    }

    static int integer(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw problem(p, "expected an int, found " + t);
        }
        return p.getIntValue();
    }

    static long longValue(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) throw problem(p, "expected a long, found " + t);
        return p.getLongValue();
    }

    static boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_FALSE) return false;
        throw problem(p, "expected true or false, found " + t);
    }

    /** A free-form value (a tree, a map of JSON-like values), written as {@link Json#mapper()} writes it. */
    static void value(JsonGenerator g, String name, Object value) throws IOException {
        if (value == null) return;
        g.writeFieldName(name);
        value(g, value);
    }

    /**
     * The plain shapes (maps with text keys, lists, text, ints, longs, doubles, booleans and the matching tree
     * nodes) are written directly; anything else goes through {@link Json#mapper()}.
     */
    static void value(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String text -> g.writeString(text);
            case Integer n -> g.writeNumber(n);
            case Long n -> g.writeNumber(n);
            case Boolean b -> g.writeBoolean(b);
            case Double d -> g.writeNumber(d);
            case Map<?, ?> map when plainMap(map) -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list when list.getClass().getName().startsWith("java.util.") -> {
                g.writeStartArray();
                for (Object item : list) value(g, item);
                g.writeEndArray();
            }
            case ObjectNode node -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ArrayNode node -> {
                g.writeStartArray();
                for (JsonNode item : node) value(g, item);
                g.writeEndArray();
            }
            case TextNode node -> g.writeString(node.textValue());
            case IntNode node -> g.writeNumber(node.intValue());
            case LongNode node -> g.writeNumber(node.longValue());
            case DoubleNode node -> g.writeNumber(node.doubleValue());
            case BooleanNode node -> g.writeBoolean(node.booleanValue());
            case NullNode node -> g.writeNull();
            default -> VALUES.writeValue(g, value);
        }
    }

    static boolean plainMap(Map<?, ?> map) {
        if (!map.getClass().getName().startsWith("java.util.")) return false;
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) return false;
        }
        return true;
    }

    /**
     * A free-form tree, as JSON binding reads a JsonNode field: a null is a {@link NullNode}, not a Java null.
     * Values are the nodes JSON binding makes of the same tokens.
     */
    static JsonNode tree(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode node = NODES.objectNode();
                String name;
                while ((name = p.nextFieldName()) != null) node.replace(name, tree(p, p.nextToken()));
                return node;
            }
            case START_ARRAY -> {
                ArrayNode node = NODES.arrayNode();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) node.add(tree(p, t));
                return node;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return switch (p.getNumberType()) {
                    case FLOAT -> NODES.numberNode(p.getFloatValue());
                    case BIG_DECIMAL -> NODES.numberNode(p.getDecimalValue());
                    default -> NODES.numberNode(p.getDoubleValue());
                };
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw problem(p, "unexpected " + t + " in a stored value");
        }
    }

    /** A free-form map, as JSON binding reads a {@code Map<String, Object>} field. */
    static Map<String, Object> map(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        return object(p);
    }

    static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) out.put(name, untyped(p, p.nextToken()));
        return out;
    }

    /** A value as JSON binding reads it into an {@code Object}: maps, lists, text, numbers, booleans, null. */
    static Object untyped(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                return object(p);
            }
            case START_ARRAY -> {
                List<Object> out = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(untyped(p, t));
                return out;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw problem(p, "unexpected " + t + " in a stored value");
        }
    }

    static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) throw problem(p, "expected " + wanted + ", found " + found);
    }

    static IOException unknown(JsonParser p, String name) {
        return problem(p, "unknown field '" + name + "'");
    }

    static IOException problem(JsonParser p, String message) {
        return new com.fasterxml.jackson.core.JsonParseException(p, message);
    }

}
