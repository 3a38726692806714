package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
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
        if (output.json) return printJson(json);
        out().println("causa " + Causa.VERSION + "  home " + json.get("home").asText());
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
        out().println("scripts:  " + dev.causa.engine.script.ScriptRunner.runtime().describe());
        return 0;
    }
}
