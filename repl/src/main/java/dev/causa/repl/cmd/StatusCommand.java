package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.engine.script.ScriptRunner;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status}: the engine at a glance. */
@Command(name = "status", description = "Workers, queue, running jobs, jobs by state, store size, plugins.")
final class StatusCommand extends SessionCommand {

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Causa causa = causa();
        ObjectNode json = causa.status();
        json.set("script_engine", Json.tree(ScriptRunner.runtime()));
        var engine = session().engine();
        json.putObject("engine").put("attached", engine.attached()).put("pid", engine.pid())
                .put("kind", engine.kind());
        if (output.json) return printJson(json);
        out().println("causa " + Causa.VERSION + "  home " + json.get("home").asText());
        out().println("engine:   " + (engine.attached() ? "attached to " + engine.kind() + " pid " + engine.pid()
                : "this process"));
        out().println("workers:  " + (causa.workersStarted() ? causa.workerCount() + " running" : "not started"
                + " (commands that run work start them)"));
        out().println("jobs:     " + json.get("running").asLong() + " running, " + json.get("queued_in_memory").asInt()
                + " waiting for a worker");
        List<String> stuck = new ArrayList<>();
        json.get("stuck_jobs").forEach(id -> stuck.add(id.asText()));
        if (!stuck.isEmpty()) {
            out().println("stuck:    " + stuck.size() + " job(s) asked to stop never reached a pause point: "
                    + String.join(", ", stuck));
        }
        StringBuilder states = new StringBuilder();
        json.get("jobs_by_state").properties().forEach(e -> states.append(e.getKey()).append(' ')
                .append(e.getValue().asLong()).append("  "));
        out().println("stored:   " + states.toString().trim());
        out().println("store:    " + json.get("store_file").asText() + " (" + (json.get("store_bytes").asLong() / 1024)
                + " KiB)");
        out().println("plugins:  " + json.get("plugins").asInt() + " started, " + json.get("action_types").asInt()
                + " action types");
        out().println("scripts:  " + ScriptRunner.runtime().describe());
        nodeLines(causa).forEach(out()::println);
        return 0;
    }

    /** The nodes on the store, one line each: its heartbeat and its jobs. */
    private static List<String> nodeLines(Causa causa) {
        var nodes = causa.nodes();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("nodes:    " + nodes.size() + " (" + nodes.stream().filter(n -> n.alive()).count() + " alive)");
        java.time.Instant now = java.time.Instant.now();
        for (var n : nodes) {
            long ago = n.heartbeatAt() == null ? -1 : java.time.Duration.between(n.heartbeatAt(), now).toSeconds();
            String runs = n.running().isEmpty() ? "runs nothing" : "runs " + n.running().size() + ": "
                    + String.join(", ", n.running().subList(0, Math.min(5, n.running().size())))
                    + (n.running().size() > 5 ? ", ..." : "");
            lines.add("  " + n.id() + (n.self() ? " (this process)" : "") + "  pid " + n.pid() + "  " + n.version()
                    + "  " + (n.alive() ? "heartbeat " + Math.max(0, ago) + " s ago" : "LOST (silent " + ago + " s)")
                    + "  " + runs);
        }
        return lines;
    }
}
