package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of action input text for {@link BadInputFuzzIT}: JSON shaped by an action's input schema with
 * wrong, missing and unknown fields; raw text that is barely or not JSON; and valid inputs naming real files.
 */
final class FuzzInputs {

    private final List<Path> existing;
    private final Path scratch;

    /**
     * @param existing real files and folders (some with odd names) that valid inputs may name
     * @param scratch  a folder under which fresh destinations are made up
     */
    FuzzInputs(List<Path> existing, Path scratch) {
        this.existing = existing;
        this.scratch = scratch;
    }

    static String quote(String text) {
        return Json.text(text);
    }

    /** Strings a user or a script might pass as a path, from sensible to hostile. */
    Arbitrary<String> pathText() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(existing).map(Path::toString)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("", " ", "/", ".", "..", "~", "-rf", "/nonexistent/x",
                        "relative/path", "a\u0000b", "\uD800", "\uDFFF lone", "line\nbreak", "tab\there",
                        "ü日本🙂", "C:\\Windows\\system32", "file:///etc/passwd", "/proc/self/mem", "/dev/null",
                        "//double//slashes//", "/tmp/../../etc", "\u202Eevil", "nul\u0000/" + "x", "%s%n%d",
                        "${jndi:ldap://x}", "'; drop table jobs; --", "\"quoted\"", "\\")),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1_000, 300_000).map(n -> "/" + "x".repeat(n))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 400).map(n -> "/d".repeat(n))));
    }

    /** Any JSON value text, to a depth; the wrong type for most fields. */
    Arbitrary<String> anyValue(int depth) {
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e400", "-0.0", "9223372036854775808",
                        "1.5", "[]", "{}", "\"\""),
                Arbitraries.integers().map(String::valueOf),
                pathText().map(FuzzInputs::quote),
                Arbitraries.integers().between(2, 3_000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(2, 3_000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n))));
        if (depth > 0) {
            choices.add(anyValue(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"));
            choices.add(Combinators.combine(fieldName(), anyValue(depth - 1)).as((k, v) -> quote(k) + ":" + v)
                    .list().ofMaxSize(3).map(fields -> "{" + String.join(",", fields) + "}"));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<String> fieldName() {
        return Arbitraries.oneOf(Arbitraries.of("sources", "destination", "paths", "conflict", "path", "name",
                "mode", "password", "api_token", "", "__proto__", "constructor", "Sources", "SOURCES"),
                Arbitraries.strings().ofMaxLength(12));
    }

    /** A value meant for one schema property: mostly the right shape, often not. */
    Arbitrary<String> valueFor(JsonNode property) {
        String type = property.path("type").asText();
        List<Arbitrary<String>> right = new ArrayList<>();
        if (property.has("enum")) {
            List<String> values = new ArrayList<>();
            property.path("enum").forEach(v -> values.add(v.asText()));
            right.add(Arbitraries.of(values).map(FuzzInputs::quote));
            right.add(Arbitraries.of(values).map(v -> quote(v.toUpperCase())));
        }
        switch (type) {
            case "array" -> right.add(pathText().map(FuzzInputs::quote).list().ofMaxSize(5)
                    .map(items -> "[" + String.join(",", items) + "]"));
            case "boolean" -> right.add(Arbitraries.of("true", "false"));
            case "integer", "number" -> right.add(Arbitraries.longs().map(String::valueOf));
            case "object" -> right.add(anyValue(1));
            default -> right.add(pathText().map(FuzzInputs::quote));
        }
        right.add(anyValue(2));
        return Arbitraries.oneOf(right);
    }

    /** An object with the schema's fields (some missing, some wrong) and perhaps unknown ones. */
    Arbitrary<String> shapedBy(JsonNode schema) {
        List<Arbitrary<String>> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            Arbitrary<String> field = valueFor(p.getValue()).map(v -> quote(p.getKey()) + ":" + v);
            fields.add(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, field),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(""))));
        }
        Arbitrary<List<String>> unknown = Combinators.combine(fieldName(), anyValue(1))
                .as((k, v) -> quote(k) + ":" + v).list().ofMaxSize(2);
        Arbitrary<List<String>> known = fields.isEmpty() ? Arbitraries.just(List.of())
                : Combinators.combine(fields).as(list -> list);
        return Combinators.combine(known, unknown, Arbitraries.integers().between(0, 4)).as((k, u, dice) -> {
            List<String> all = new ArrayList<>(k.stream().filter(f -> !f.isEmpty()).toList());
            if (dice == 0) all.addAll(u);
            return "{" + String.join(",", all) + "}";
        });
    }

    /** Text that is not a JSON object, or barely one. */
    Arbitrary<String> rawText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("", " ", "null", "[]", "1", "\"x\"", "true", "{", "}", "{\"sources\":", "{} {}",
                        "{\"a\":1,}", "{'sources':['/tmp']}", "{sources:[]}", "\uFEFF{}", "{\"a\":NaN}",
                        "/* comment */ {}", "{\"sources\":[\"/tmp\"],\"sources\":5}", "{\"\\u0000\":1}",
                        "{\"destination\":\"\\ud800\"}", "\u0000", "[{}]", "{\"paths\":[null]}",
                        "{\"paths\":null}", "{\"sources\":\"/tmp\"}", "{\"paths\":[[[[\"/tmp\"]]]]}"),
                Arbitraries.integers().between(1, 20_000).map(n -> "[".repeat(n)),
                Arbitraries.integers().between(1, 20_000).map(n -> "{\"a\":".repeat(n)),
                Arbitraries.integers().between(1_000, 2_000_000).map(n -> "{\"x\":\"" + "y".repeat(n) + "\"}"),
                anyValue(2));
    }

    /** A valid input for a known action, naming real files; for other actions, real paths in every string field. */
    Arbitrary<String> valid(String actionType, JsonNode schema) {
        Arbitrary<String> someExisting = Arbitraries.of(existing).map(Path::toString);
        Arbitrary<String> freshFolder = Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .map(n -> scratch.resolve("to-" + n).toString());
        return switch (actionType) {
            case "files.copy", "files.move" -> Combinators.combine(someExisting.list().ofMinSize(1).ofMaxSize(3)
                            .uniqueElements(), freshFolder, Arbitraries.of("", "skip", "overwrite", "rename", "RENAME"))
                    .as((sources, to, conflict) -> "{\"sources\":" + Json.text(sources) + ",\"destination\":"
                            + quote(to) + (conflict.isEmpty() ? "" : ",\"conflict\":" + quote(conflict)) + "}");
            case "files.delete" -> someExisting.list().ofMinSize(1).ofMaxSize(3).uniqueElements()
                    .map(paths -> "{\"paths\":" + Json.text(paths) + "}");
            default -> Combinators.combine(someExisting, freshFolder).as((path, fresh) -> {
                StringBuilder out = new StringBuilder("{");
                for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                    String t = p.getValue().path("type").asText();
                    String v = p.getValue().has("enum") ? quote(p.getValue().path("enum").get(0).asText())
                            : switch (t) {
                                case "array" -> "[" + quote(path) + "]";
                                case "boolean" -> "false";
                                case "integer", "number" -> "1";
                                default -> quote(p.getKey().contains("dest") ? fresh : path);
                            };
                    if (out.length() > 1) out.append(',');
                    out.append(quote(p.getKey())).append(':').append(v);
                }
                return out.append('}').toString();
            });
        };
    }

    /** Words as typed after {@code causa action run <type>}: key=value pairs, JSON, or nonsense. */
    Arbitrary<List<String>> words(JsonNode schema) {
        List<String> keys = new ArrayList<>();
        schema.path("properties").properties().forEach(p -> keys.add(p.getKey()));
        keys.addAll(List.of("unknown", "", "=", "a=b"));
        Arbitrary<String> value = Arbitraries.oneOf(pathText(), anyValue(1),
                pathText().list().ofMaxSize(3).map(l -> String.join(",", l)));
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(keys), value).as((k, v) -> k + "=" + v);
        return Arbitraries.oneOf(pair.list().ofMaxSize(4),
                Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(3),
                shapedBy(schema).map(List::of));
    }
}
