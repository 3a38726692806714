package dev.causa.engine.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code causa.d.ts} (the script API, and one input interface per installed action type, derived from the
 * same JSON Schema that {@code action info} shows) and one JSON Schema file per action input, so that editors and
 * {@code tsc --checkJs} check scripts against what is installed.
 */
public final class TypeDeclarations {

    private TypeDeclarations() {
    }

    /** Writes the files into {@code dir} and returns their paths. */
    public static List<Path> write(List<Causa.ActionInfo> actions, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        List<Path> written = new ArrayList<>();
        Path dts = dir.resolve("causa.d.ts");
        Files.writeString(dts, declarations(actions));
        written.add(dts);
        for (Causa.ActionInfo action : actions) {
            Path schema = dir.resolve("schemas").resolve(action.type() + ".input.schema.json");
            Files.writeString(schema, Json.pretty(action.inputSchema()) + "\n");
            written.add(schema);
        }
        return written;
    }

    /** The text of causa.d.ts. */
    public static String declarations(List<Causa.ActionInfo> actions) {
        StringBuilder inputs = new StringBuilder();
        StringBuilder map = new StringBuilder();
        for (Causa.ActionInfo action : actions) {
            String name = interfaceName(action.type());
            inputs.append("  /** Input of ").append(action.type()).append(": ").append(comment(action.description()))
                    .append(" (plugin ").append(action.pluginId()).append(") */\n");
            inputs.append("  interface ").append(name).append(' ').append(objectType(action.inputSchema(), "  "))
                    .append("\n\n");
            map.append("    \"").append(action.type()).append("\": ").append(name).append(";\n");
        }
        return api().replace("/*INPUTS*/\n", inputs.toString()).replace("/*ACTION_INPUTS*/\n", map.toString())
                .replace("/*VERSION*/", Causa.VERSION);
    }

    static String interfaceName(String actionType) {
        StringBuilder name = new StringBuilder();
        for (String part : actionType.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name + "Input";
    }

    private static String type(JsonNode schema, String indent) {
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(Json.text(v)));
            return String.join(" | ", values);
        }
        return switch (schema.path("type").asText("")) {
            case "string" -> "string";
            case "integer", "number" -> "number";
            case "boolean" -> "boolean";
            case "array" -> {
                String item = type(schema.path("items"), indent);
                yield item.contains(" ") && !item.startsWith("{") ? "(" + item + ")[]" : item + "[]";
            }
            case "object" -> schema.has("properties") ? objectType(schema, indent) : "Record<string, unknown>";
            default -> "unknown";
        };
    }

    private static String objectType(JsonNode schema, String indent) {
        StringBuilder out = new StringBuilder("{\n");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").properties().forEach(p -> {
            JsonNode property = p.getValue();
            if (property.has("description")) {
                out.append(indent).append("  /** ").append(comment(property.get("description").asText())).append(" */\n");
            }
            out.append(indent).append("  ").append(p.getKey().matches("[A-Za-z_$][A-Za-z0-9_$]*") ? p.getKey()
                            : Json.text(p.getKey()))
                    .append(required.contains(p.getKey()) ? ": " : "?: ")
                    .append(type(property, indent + "  ")).append(";\n");
        });
        return out.append(indent).append('}').toString();
    }

    private static String comment(String text) {
        return text == null ? "" : text.replace("*/", "* /").replace('\n', ' ');
    }

    private static String api() {
        try (InputStream in = TypeDeclarations.class.getResourceAsStream("causa.d.ts.template")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("causa.d.ts.template is missing from the engine jar", e);
        }
    }
}
