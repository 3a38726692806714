package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ScheduleRecord;
import dev.causa.engine.schedule.Schedules;
import dev.causa.repl.view.Table;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schedule add | list | info | pause | resume | remove | run} (DESIGN §13). */
@Command(name = "schedule", description = "Start actions on a cron expression or every fixed duration.",
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Info.class,
                ScheduleCommand.Pause.class, ScheduleCommand.Resume.class, ScheduleCommand.Remove.class,
                ScheduleCommand.Run.class})
final class ScheduleCommand {

    /** Exactly one of --cron and --every. */
    static final class Timing {
        @Option(names = "--cron", paramLabel = "EXPR", required = true,
                description = "5 fields (minute hour day month weekday) or 6 (seconds first), e.g. '0 3 * * *'.")
        String cron;
        @Option(names = "--every", paramLabel = "DURATION", required = true,
                description = "A fixed interval: 30s, 5m, 1h, 1h30m, 1d.")
        String every;
    }

    @Command(name = "add", description = {"Add a schedule: the action runs as schedule:<name> at each fire time",
            "while an engine runs (the REPL, causa serve)."})
    static final class Add extends SessionCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The schedule's name.")
        String name;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Timing timing;
        @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of --cron (default: the system's).")
        String zone;
        @Option(names = "--missed", paramLabel = "POLICY", defaultValue = "once",
                description = "Fire times missed while causa did not run: once (one catch-up, default) or skip.")
        ScheduleRecord.Missed missed;
        @Parameters(index = "1", paramLabel = "TYPE", completionCandidates = Completions.ActionTypes.class,
                description = "The action type.")
        String type;
        @Parameters(index = "2..*", paramLabel = "INPUT", arity = "0..*",
                description = "'{\"key\": ...}' or key=value ...")
        List<String> input;
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Causa causa = causa();
            String json = KeyValueInput.toJson(input, causa.actionInfo(type).inputSchema());
            ScheduleRecord s = causa.addSchedule(new Schedules.Definition(name, timing.cron, timing.every, zone,
                    missed, type, json), session().initiator());
            ObjectNode view = causa.scheduleView(s);
            if (output.json) return printJson(view);
            out().println("schedule " + s.name() + " added: " + type + " " + when(view) + "; next "
                    + text(view.get("next_fire")));
            if (session().mode() == dev.causa.repl.Session.Mode.CLI && !session().isAttached()) {
                out().println("it fires while causa runs: the REPL, or causa serve");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List schedules: timing, state (active, paused, unresolved), next fire.")
    static final class ListSchedules extends SessionCommand {
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Causa causa = causa();
            ArrayNode array = Json.mapper().createArrayNode();
            causa.scheduleList().forEach(s -> array.add(causa.scheduleView(s)));
            if (output.json) return printJson(array);
            Table table = new Table("SCHEDULE", "WHEN", "ACTION TYPE", "STATE", "LAST FIRE", "NEXT FIRE");
            array.forEach(v -> table.row(v.get("name").asText(), when(v), v.get("action_type").asText(),
                    v.get("state").asText(), text(v.get("last_fire")), text(v.get("next_fire"))));
            if (table.isEmpty()) out().println("no schedules");
            else table.print(out(), ansi());
            return 0;
        }
    }

    /** A command on one schedule, by name. */
    abstract static class OnSchedule extends SessionCommand {
        @Parameters(paramLabel = "NAME", description = "The schedule's name.")
        String name;
        @Mixin
        JsonOption output;

        int show(ScheduleRecord s, String done) {
            ObjectNode view = causa().scheduleView(s);
            if (output.json) return printJson(view);
            if (done != null) {
                out().println("schedule " + s.name() + " " + done + ": " + view.get("state").asText());
                return 0;
            }
            view.properties().forEach(e -> out().println(String.format("%-12s %s", e.getKey() + ":",
                    e.getValue().isValueNode() ? text(e.getValue()) : Json.text(e.getValue()))));
            return 0;
        }
    }

    @Command(name = "info", description = "Show a schedule.")
    static final class Info extends OnSchedule {
        @Override
        public Integer call() {
            return show(causa().schedule(name), null);
        }
    }

    @Command(name = "pause", description = "Stop firing a schedule until it is resumed.")
    static final class Pause extends OnSchedule {
        @Override
        public Integer call() {
            return show(causa().pauseSchedule(name), "paused");
        }
    }

    @Command(name = "resume", description = "Fire a paused schedule again (missed skip: times passed while paused are skipped).")
    static final class Resume extends OnSchedule {
        @Override
        public Integer call() {
            return show(causa().resumeSchedule(name), "resumed");
        }
    }

    @Command(name = "remove", description = "Remove a schedule; the runs it started stay in the audit trail.")
    static final class Remove extends OnSchedule {
        @Override
        public Integer call() {
            ScheduleRecord s = causa().schedule(name);
            ObjectNode view = causa().scheduleView(s);
            causa().removeSchedule(name);
            if (output.json) return printJson(view);
            out().println("schedule " + name + " removed");
            return 0;
        }
    }

    @Command(name = "run", description = "Fire a schedule now (initiated by schedule:<name>); do not wait.")
    static final class Run extends OnSchedule {
        @Override
        public Integer call() {
            ActionRun run = causa().runSchedule(name);
            if (output.json) return printJson(dev.causa.engine.view.ActionView.json(causa().actionRun(run.actionId())));
            out().println("action " + run.actionId() + " " + run.context().actionType() + " started by "
                    + run.context().initiatedBy() + ": " + run.jobs().size() + " job(s) queued");
            return 0;
        }
    }

    static String when(JsonNode v) {
        return v.hasNonNull("cron") ? "cron '" + v.get("cron").asText() + "' " + v.get("zone").asText()
                : "every " + v.get("every").asText();
    }

    static String text(JsonNode v) {
        return v == null || v.isNull() ? "-" : v.asText();
    }
}
