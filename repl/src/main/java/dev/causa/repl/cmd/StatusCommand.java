package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import java.util.List;
import java.util.Map;
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
        Map<JobState, Long> counts = causa.countByState();
        long running = causa.activeJobs().stream().filter(j -> j.state() == JobState.RUNNING).count();
        ObjectNode json = Json.object();
        json.put("version", Causa.VERSION);
        json.put("home", causa.options().home().toAbsolutePath().toString());
        var engine = session().engine();
        json.putObject("engine").put("attached", engine.attached()).put("pid", engine.pid())
                .put("kind", engine.kind());
        json.put("workers", causa.workerCount());
        json.put("queued_in_memory", causa.jobsWaitingForWorker());
        json.put("running", running);
        List<String> stuck = causa.stuckJobs(java.time.Duration.ofSeconds(JobCommand.STOP_WAIT_SECONDS));
        json.set("stuck_jobs", Json.tree(stuck));
        ObjectNode byState = json.putObject("jobs_by_state");
        counts.forEach((state, n) -> byState.put(state.label(), n));
        json.put("store_file", causa.storeLocation());
        json.put("store_bytes", causa.storeSize());
        json.put("plugins", causa.startedPluginCount());
        json.put("action_types", causa.actionTypes().size());
        json.set("script_engine", Json.tree(dev.causa.engine.script.ScriptRunner.runtime()));
        if (output.json) return printJson(json);
        out().println("causa " + Causa.VERSION + "  home " + json.get("home").asText());
        out().println("engine:   " + (engine.attached() ? "attached to " + engine.kind() + " pid " + engine.pid()
                : "this process"));
        out().println("workers:  " + (causa.workersStarted() ? causa.workerCount() + " running" : "not started"
                + " (commands that run work start them)"));
        out().println("jobs:     " + running + " running, " + causa.jobsWaitingForWorker() + " waiting for a worker");
        if (!stuck.isEmpty()) {
            out().println("stuck:    " + stuck.size() + " job(s) asked to stop never reached a pause point: "
                    + String.join(", ", stuck));
        }
        StringBuilder states = new StringBuilder();
        counts.forEach((state, n) -> states.append(state.label()).append(' ').append(n).append("  "));
        out().println("stored:   " + states.toString().trim());
        out().println("store:    " + json.get("store_file").asText() + " (" + (causa.storeSize() / 1024)
                + " KiB)");
        out().println("plugins:  " + json.get("plugins").asInt() + " started, " + json.get("action_types").asInt()
                + " action types");
        out().println("scripts:  " + dev.causa.engine.script.ScriptRunner.runtime().describe());
        return 0;
    }
}
