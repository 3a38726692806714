package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.view.ActionView;
import dev.causa.repl.view.JobViews;
import dev.causa.repl.view.ProgressPrinter;
import dev.causa.repl.view.Style;
import dev.causa.repl.view.Table;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code action list | info | run | replay | list-runs}. */
@Command(name = "action", description = "Start actions and see what actions ran.",
        subcommands = {ActionCommand.ListTypes.class, ActionCommand.Info.class, ActionCommand.Run.class,
                ActionCommand.Replay.class, ActionCommand.ListRuns.class})
final class ActionCommand {

    @Command(name = "list", description = "List the installed action types.")
    static final class ListTypes extends SessionCommand {
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            List<Causa.ActionInfo> actions = causa().actionTypes();
            if (output.json) {
                ArrayNode array = Json.mapper().createArrayNode();
                actions.forEach(a -> array.add(a.summary()));
                return printJson(array);
            }
            Table table = new Table("TYPE", "PLUGIN", "DESCRIPTION");
            actions.forEach(a -> table.row(a.type(), a.pluginId(), a.description()));
            if (table.isEmpty()) out().println("no actions installed (see: causa plugin list)");
            else table.print(out(), ansi());
            return 0;
        }
    }

    @Command(name = "info", description = "Show an action type: its plugin, retry policy and input JSON Schema.")
    static final class Info extends SessionCommand {
        @Parameters(paramLabel = "TYPE", description = "The action type, e.g. files.copy.",
                completionCandidates = Completions.ActionTypes.class)
        String type;
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Causa.ActionInfo info = causa().actionInfo(type);
            if (output.json) return printJson(Json.tree(info));
            out().println(Style.paint(info.type(), Style.BOLD, ansi()) + "  " + info.description());
            out().println("plugin:       " + info.pluginId());
            out().println("retry:        " + (info.retryPolicy().maxAttempts() <= 1 ? "none"
                    : info.retryPolicy().maxAttempts() + " attempts, backoff from "
                    + info.retryPolicy().initialBackoff().toMillis() + " ms x" + info.retryPolicy().multiplier()));
            out().println("context:      " + (info.hasContextProvider() ? "from the plugin's provider" : "none"));
            out().println("input schema:");
            out().println(Json.pretty(info.inputSchema()).indent(2).stripTrailing());
            return 0;
        }
    }

    /** Shared by run and replay: wait with progress unless detached, then report. */
    abstract static class Starting extends SessionCommand {
        @Option(names = "--detach", description = "Return once the jobs are queued; do not wait.")
        boolean detach;
        @Mixin
        JsonOption output;

        /** Starts the action with a listener already in place, so that a fast job's events are all shown. */
        int start(java.util.function.Supplier<ActionRun> starter) {
            if (detach) return report(starter.get(), null);
            try (Follow.Early early = Follow.listenEarly(session())) {
                return report(starter.get(), early);
            }
        }

        int report(ActionRun run, Follow.Early early) {
            if (detach) {
                if (output.json) return printJson(summary(causa().actionRun(run.actionId()), run));
                out().println("action " + run.actionId() + " " + run.context().actionType() + ": "
                        + run.jobs().size() + " job(s) queued");
                run.jobIds().forEach(id -> out().println("  job " + id));
                if (session().mode() == dev.causa.repl.Session.Mode.CLI && !session().isAttached() && !run.jobs().isEmpty()) {
                    out().println("they run when causa runs workers: the REPL, or causa job watch");
                }
                return 0;
            }
            causa().startWorkers();
            if (!output.json) {
                out().println("action " + run.actionId() + " " + run.context().actionType() + " started by "
                        + run.context().initiatedBy() + ": " + run.jobs().size() + " job(s)");
                out().flush();
            }
            ActionRecord done = Follow.await(session(), ProgressPrinter.of(Set.of(run.actionId()), Set.of()),
                    run.done(), !output.json, early);
            if (output.json) {
                printJson(summary(done, run));
            } else {
                // An action without jobs (locations.list) answers through its context: show it.
                if (run.jobs().isEmpty() && done.context != null && !done.context.isEmpty()) {
                    out().println(Json.pretty(done.context).stripTrailing());
                }
                String status = done.status.name().toLowerCase();
                out().println("action " + done.id + " " + (done.status == ActionRecord.Status.COMPLETED
                        ? Style.paint(status, Style.GREEN, ansi()) : Style.paint(status, Style.RED, ansi()))
                        + " in " + JobViews.duration(done.initiatedAt, done.finishedAt)
                        + (done.error == null ? "" : ": " + done.error));
            }
            if (done.status != ActionRecord.Status.COMPLETED) {
                causa().jobs(dev.causa.engine.store.JobQuery.ofAction(done.id)).stream()
                        .filter(j -> j.error != null && j.state == dev.causa.engine.model.JobState.FAILED)
                        .forEach(j -> session().err().println("causa: job " + j.id + " failed: " + j.error.message()));
                session().err().flush();
                return 3;
            }
            return 0;
        }

        private ObjectNode summary(ActionRecord record, ActionRun run) {
            ObjectNode json = ActionView.json(record);
            ArrayNode jobs = json.putArray("jobs");
            causa().jobs(dev.causa.engine.store.JobQuery.ofAction(run.actionId()))
                    .forEach(j -> jobs.add(causa().jobView(j).summary()));
            return json;
        }
    }

    @Command(name = "run", description = {"Start an action and wait for its jobs, showing progress.",
            "Input: one JSON object, or key=value pairs (sources=/a,/b mode=deep)."})
    static final class Run extends Starting {
        @Parameters(index = "0", paramLabel = "TYPE", description = "The action type.",
                completionCandidates = Completions.ActionTypes.class)
        String type;
        @Parameters(index = "1..*", paramLabel = "INPUT", arity = "0..*",
                description = "'{\"key\": ...}' or key=value ...")
        List<String> input;

        @Override
        public Integer call() {
            Causa causa = causa();
            String json = KeyValueInput.toJson(input, causa.actionInfo(type).inputSchema());
            return start(() -> causa.runAction(type, json, session().initiator()));
        }
    }

    @Command(name = "replay", description = {"Run an earlier action again with its recorded input.",
            "Overrides (JSON) replace fields; redacted secrets must be given again."})
    static final class Replay extends Starting {
        @Parameters(index = "0", paramLabel = "ACTION-ID", description = "The action run (a unique prefix will do).")
        String actionId;
        @Parameters(index = "1", paramLabel = "OVERRIDES", arity = "0..1", description = "'{\"key\": ...}'")
        String overrides;

        @Override
        public Integer call() {
            return start(() -> causa().replay(actionId, overrides, session().initiator()));
        }
    }

    @Command(name = "list-runs", description = "The audit trail: action runs, newest first.")
    static final class ListRuns extends SessionCommand {
        @Option(names = "--action-type", paramLabel = "TYPE", completionCandidates = Completions.ActionTypes.class,
                description = "Only runs of this action type.")
        String actionType;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N runs (default 50).")
        int limit;
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            List<ActionRecord> runs = causa().actionRuns(actionType, limit);
            if (output.json) {
                ArrayNode array = Json.mapper().createArrayNode();
                runs.forEach(r -> array.add(ActionView.json(r)));
                return printJson(array);
            }
            Table table = new Table("ACTION", "TYPE", "STATUS", "BY", "STARTED", "JOBS", "INPUT");
            runs.forEach(r -> table.row(r.id, r.actionType, ActionView.status(r.status), r.initiatedBy,
                    JobViews.time(r.initiatedAt), r.jobIds.size(), r.actionInput));
            if (table.isEmpty()) out().println("no action runs" + (actionType == null ? "" : " of " + actionType));
            else table.print(out(), ansi());
            return 0;
        }
    }
}
