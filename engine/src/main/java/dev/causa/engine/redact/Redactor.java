package dev.causa.engine.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.causa.api.Sensitive;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that decides what is secret. A value is secret if its record component carries {@link Sensitive}
 * or its key looks like a credential ({@code password}, {@code token}, {@code api_key}, ...). Secrets are replaced
 * by {@code "[redacted]"} before anything is stored, logged or emitted, and the secret strings themselves are
 * collected so that they can be scrubbed from free text (errors, log lines) too.
 */
public final class Redactor {

    public static final String REDACTED = "[redacted]";
    private static final Pattern SENSITIVE_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|credential|private[_-]?key).*");
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final int MIN_SCRUB_LENGTH = 4;

    /** A redacted copy and the secret strings that were taken out of it. */
    public record Redacted(JsonNode json, Set<String> secrets) {

        /** Replaces every secret string in {@code text}. */
        public String scrub(String text) {
            return Redactor.scrub(text, secrets);
        }
    }

    private Redactor() {
    }

    /** Answers for keys seen before: a handful of distinct keys are asked about for every action and job. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> SENSITIVE_KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static boolean isSensitiveKey(String key) {
        Boolean known = SENSITIVE_KEYS.get(key);
        if (known != null) return known;
        boolean sensitive = SENSITIVE_KEY.matcher(key).matches();
        if (SENSITIVE_KEYS.size() < 10_000) SENSITIVE_KEYS.put(key, sensitive); // bounded: keys come from users
        return sensitive;
    }

    /**
     * A deep copy of {@code map} if it holds only JSON values (strings, numbers, booleans, null, string-keyed maps
     * and lists of them) and no key that names a secret: what redacting its JSON form would give, without the
     * round trip through JSON. Null if anything else is in it; then redact the JSON form.
     */
    public static Map<String, Object> plainCopy(Map<String, ?> map) {
        Object copy = plainValue(map, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) copy;
        return out;
    }

    private static Object plainValue(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (depth > 32) return null;
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key) || isSensitiveKey(key)) return null;
                Object v = plainValue(e.getValue(), depth + 1);
                if (v == null && e.getValue() != null) return null;
                out.put(key, v);
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new java.util.ArrayList<>(list.size());
            for (Object item : list) {
                Object v = plainValue(item, depth + 1);
                if (v == null && item != null) return null;
                out.add(v);
            }
            return out;
        }
        return null;
    }

    /**
     * @param type the record the JSON binds to, for {@link Sensitive} components; null if unknown
     */
    public static Redacted redact(JsonNode json, Class<?> type) {
        if (json == null || !needsRedaction(json, type)) return new Redacted(json, Set.of()); // the common case
        Set<String> secrets = new HashSet<>();
        JsonNode copy = json.deepCopy();
        if (copy != null) {
            walk(copy, type, secrets);
            if (!secrets.isEmpty()) scrubAll(copy, secrets);
        }
        return new Redacted(copy, Set.copyOf(secrets));
    }

    private static void walk(JsonNode node, Type type, Set<String> secrets) {
        if (node instanceof ObjectNode object) {
            Map<String, Type> components = components(type);
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Type componentType = components.get(field.getKey());
                boolean marked = componentType == SENSITIVE_MARK;
                if ((marked || isSensitiveKey(field.getKey())) && !field.getValue().isBoolean()
                        && !field.getValue().isNull()) {
                    collect(field.getValue(), secrets);
                    field.setValue(TextNode.valueOf(REDACTED));
                } else {
                    walk(field.getValue(), componentType, secrets);
                }
            }
        } else if (node instanceof ArrayNode array) {
            Type element = type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                    ? p.getActualTypeArguments()[0] : null;
            array.forEach(item -> walk(item, element, secrets));
        }
    }

    private static final Type SENSITIVE_MARK = Sensitive.class;

    /** Whether anything in {@code node} is secret, found without copying anything. */
    private static boolean needsRedaction(JsonNode node, Type type) {
        if (node instanceof ObjectNode object) {
            Map<String, Type> components = components(type);
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                Type componentType = components.get(field.getKey());
                if (componentType == SENSITIVE_MARK || isSensitiveKey(field.getKey())
                        || needsRedaction(field.getValue(), componentType)) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            Type element = type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                    ? p.getActualTypeArguments()[0] : null;
            for (JsonNode item : array) {
                if (needsRedaction(item, element)) return true;
            }
        }
        return false;
    }

    /** A secret can also stand inside another field's text ("wrong password hunter2"): scrub every string. */
    private static void scrubAll(JsonNode node, Set<String> secrets) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(scrub(field.getValue().asText(), secrets)));
                } else {
                    scrubAll(field.getValue(), secrets);
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) array.set(i, TextNode.valueOf(scrub(array.get(i).asText(), secrets)));
                else scrubAll(array.get(i), secrets);
            }
        }
    }

    private static final ClassValue<Map<String, Type>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> c) {
            return componentsOf(c);
        }
    };

    private static Map<String, Type> components(Type type) {
        return type instanceof Class<?> c && c.isRecord() ? COMPONENTS.get(c) : Map.of();
    }

    private static Map<String, Type> componentsOf(Class<?> c) {
        Map<String, Type> out = new java.util.HashMap<>();
        for (RecordComponent component : c.getRecordComponents()) {
            Type t = component.isAnnotationPresent(Sensitive.class) ? SENSITIVE_MARK : component.getGenericType();
            out.put(SNAKE.translate(component.getName()), t);
        }
        return out;
    }

    private static void collect(JsonNode value, Set<String> secrets) {
        if (value == null || value.isNull()) return;
        if (value.isContainerNode()) {
            value.forEach(v -> collect(v, secrets));
        } else {
            String text = value.asText();
            if (text.length() >= MIN_SCRUB_LENGTH && !text.equals(REDACTED)) secrets.add(text);
        }
    }

    /** Replaces every secret string in {@code text}; null stays null. */
    public static String scrub(String text, Set<String> secrets) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String secret : secrets) out = out.replace(secret, REDACTED);
        return out;
    }
}
