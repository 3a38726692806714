package dev.causa.engine.action;

import dev.causa.engine.redact.Redactor;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.Sensitive;
import dev.causa.engine.json.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of an input record, derived from its components, so that {@code action info},
 * editors and generated TypeScript all describe exactly what the binder accepts.
 */
public final class InputSchema {

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private InputSchema() {
    }

    public static ObjectNode of(Class<?> recordType, String title) {
        ObjectNode schema = Json.object();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", title);
        schema.setAll(describe(recordType));
        return schema;
    }

    private static ObjectNode describe(Type type) {
        ObjectNode node = Json.object();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class || raw == java.nio.file.Path.class || raw == java.time.Instant.class) {
            node.put("type", "string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            node.put("type", "boolean");
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class
                || raw == short.class || raw == Short.class) {
            node.put("type", "integer");
        } else if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            node.put("type", "number");
        } else if (raw.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : raw.getEnumConstants()) values.add(constant.toString().toLowerCase(Locale.ROOT));
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            node.put("type", "array");
            Type element = raw.isArray() ? raw.getComponentType()
                    : type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            node.set("items", describe(element));
        } else if (raw.isRecord()) {
            node.put("type", "object");
            ObjectNode properties = node.putObject("properties");
            ArrayNode required = Json.mapper().createArrayNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                String name = SNAKE.translate(component.getName());
                ObjectNode property = describe(component.getGenericType());
                if (component.isAnnotationPresent(Sensitive.class) || Redactor.isSensitiveKey(name)) {
                    property.put("writeOnly", true);
                    property.put("description", "sensitive: redacted before it is stored");
                }
                properties.set(name, property);
                if (component.getType().isPrimitive()) required.add(name);
            }
            if (!required.isEmpty()) node.set("required", required);
            node.put("additionalProperties", false);
        } else if (Map.class.isAssignableFrom(raw)) {
            node.put("type", "object");
        }
        return node;
    }
}
