package dev.causa.repl.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command sent to the process that holds the home: its words, where the client runs (relative paths resolve
 * there), the client's environment values that change output, whether its stdout is a terminal, who it is, and
 * whether it is a one-shot command ({@code cli}) or a line of an attached shell ({@code repl}).
 */
public record AttachRequest(List<String> argv, Path cwd, Map<String, String> env, boolean tty, String user,
                            String mode) {

    /** The environment variables a client sends: the ones that change what a command prints or how it runs. */
    public static final List<String> ENV = List.of("NO_COLOR", "COLUMNS", "TERM", "CAUSA_WORKERS");

    /** A request from this process: its cwd, user and the values of {@link #ENV}. */
    public static AttachRequest of(List<String> argv, boolean tty, String mode) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : ENV) {
            String value = System.getenv(name);
            if (value != null) env.put(name, value);
        }
        return new AttachRequest(List.copyOf(argv), Path.of("").toAbsolutePath(), env, tty,
                System.getProperty("user.name", "unknown"), mode);
    }

    /** Whether the client's output understands colours and cursor movement, as the local front end decides it. */
    public boolean ansi() {
        return tty && env.get("NO_COLOR") == null && !"dumb".equals(env.get("TERM"));
    }

    byte[] encode() {
        ObjectNode json = Json.object();
        json.set("argv", Json.tree(argv));
        json.put("cwd", cwd.toString());
        json.set("env", Json.tree(env));
        json.put("tty", tty);
        json.put("user", user);
        json.put("mode", mode);
        return Json.text(json).getBytes(StandardCharsets.UTF_8);
    }

    static AttachRequest decode(byte[] bytes) throws IOException {
        JsonNode json = Json.mapper().readTree(bytes);
        if (json == null || !json.path("argv").isArray() || !json.path("cwd").isTextual()) {
            throw new IOException("malformed attach request");
        }
        List<String> argv = new java.util.ArrayList<>();
        json.get("argv").forEach(a -> argv.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        json.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        Path cwd = Path.of(json.get("cwd").asText());
        if (!cwd.isAbsolute()) throw new IOException("the attach request's cwd is not absolute: " + cwd);
        return new AttachRequest(argv, cwd, env, json.path("tty").asBoolean(), json.path("user").asText("unknown"),
                json.path("mode").asText("cli"));
    }
}
