package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.causa.engine.Causa;
import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.StateChange;
import dev.causa.repl.view.JobViews;
import dev.causa.repl.view.ProgressPrinter;
import dev.causa.repl.view.Style;
import dev.causa.repl.view.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code job list | info | pause | resume | cancel | retry | watch}. */
@Command(name = "job", description = "List, inspect and control jobs.",
        subcommands = {JobCommand.ListJobs.class, JobCommand.Info.class, JobCommand.Pause.class,
                JobCommand.Resume.class, JobCommand.Cancel.class, JobCommand.Retry.class, JobCommand.Watch.class})
final class JobCommand {

    @Command(name = "list", description = "List jobs, newest first.")
    static final class ListJobs extends SessionCommand {
        @Option(names = "--action-type", paramLabel = "TYPE", completionCandidates = Completions.ActionTypes.class,
                description = "Only jobs caused by this action type.")
        String actionType;
        @Option(names = "--state", paramLabel = "STATE", completionCandidates = Completions.States.class,
                description = "Only jobs in this state: ${COMPLETION-CANDIDATES}.")
        String state;
        @Option(names = "--action", paramLabel = "ACTION-ID", description = "Only jobs of this action run.")
        String actionId;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs (default 50).")
        int limit;
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            JobState wanted;
            try {
                wanted = state == null ? null : JobState.parse(state);
            } catch (IllegalArgumentException e) {
                throw dev.causa.engine.model.CausaException.badInput(e.getMessage());
            }
            Causa causa = causa();
            String action = actionId == null ? null : causa.resolveActionId(actionId);
            List<JobRecord> jobs = causa.jobs(new JobQuery(actionType, wanted, action, null, limit));
            if (output.json) {
                ArrayNode array = Json.mapper().createArrayNode();
                jobs.forEach(j -> array.add(causa.jobView(j).summary()));
                return printJson(array);
            }
            // a priority column only when a listed job has a priority other than the default 0
            boolean priorities = jobs.stream().anyMatch(j -> j.priority != 0);
            Table table = priorities
                    ? new Table("JOB", "TYPE", "STATE", "PRI", "ACTION", "BY", "CREATED", "MESSAGE")
                    : new Table("JOB", "TYPE", "STATE", "ACTION", "BY", "CREATED", "MESSAGE");
            for (JobRecord j : jobs) {
                String by = j.actionContext == null ? null : j.actionContext.initiatedBy();
                // "unresolved": no started plugin offers the job type (disabled or uninstalled)
                boolean unresolved = causa.isUnresolved(j.jobType);
                List<Object> cells = new ArrayList<>();
                cells.add(j.id);
                cells.add(j.jobType + (unresolved ? " (unresolved)" : ""));
                cells.add(Style.state(j.state, ansi()));
                if (priorities) cells.add(j.priority);
                cells.add(j.actionType);
                cells.add(by);
                cells.add(JobViews.time(j.createdAt));
                cells.add(j.state == JobState.FAILED && j.error != null ? j.error.message() : j.message);
                table.row(cells.toArray());
            }
            if (table.isEmpty()) out().println("no jobs");
            else table.print(out(), ansi());
            return 0;
        }
    }

    @Command(name = "info", description = "Show a job: action context, state history, progress, error and log.")
    static final class Info extends SessionCommand {
        @Parameters(paramLabel = "JOB-ID", description = "The job (a unique prefix will do).",
                completionCandidates = Completions.JobIds.class)
        String id;
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Causa causa = causa();
            JobRecord job = causa.job(id);
            if (output.json) return printJson(causa.jobView(job).full());
            var out = out();
            out.println(Style.paint("job " + job.id, Style.BOLD, ansi()) + "  " + job.jobType + "  "
                    + Style.state(job.state, ansi()));
            out.println("message:    " + job.message);
            if (job.actionContext != null) {
                out.println("action:     " + job.actionType + " (" + job.actionId + ")");
                out.println("started by: " + job.actionContext.initiatedBy() + " at "
                        + job.actionContext.initiatedAt());
                out.println("input:      " + Json.text(job.actionContext.actionInput()));
                out.println("context:    " + Json.text(job.actionContext.context()));
            } else {
                out.println("action:     none (dispatched directly)");
            }
            if (job.parentJobId != null) out.println("parent:     " + job.parentJobId);
            out.println("priority:   " + job.priority);
            out.println("attempts:   " + job.attempts);
            out.println("created:    " + JobViews.time(job.createdAt) + "   ran for "
                    + JobViews.duration(job.startedAt, job.finishedAt));
            if (job.error != null) out.println(Style.paint("error:      " + job.error.message(), Style.RED, ansi()));
            if (job.error != null && session().verbose()) out.println(job.error.stack().indent(2).stripTrailing());
            out.println("history:");
            for (StateChange change : job.history) {
                out.println("  " + JobViews.time(change.at()) + "  " + String.format("%-9s", change.state().label())
                        + "  " + (change.reason() == null ? "" : change.reason()));
            }
            if (!job.logs.isEmpty()) {
                out.println("log:");
                job.logs.forEach(line -> out.println("  " + line));
            }
            return 0;
        }
    }

    /** A command on one job id. */
    abstract static class OnJob extends SessionCommand {
        @Parameters(paramLabel = "JOB-ID", description = "The job (a unique prefix will do).",
                completionCandidates = Completions.JobIds.class)
        String id;
        @Mixin
        JsonOption output;

        int done(String what) {
            JobRecord job = causa().job(id);
            if (output.json) return printJson(causa().jobView(job).summary());
            out().println("job " + job.id + " " + what + ": " + Style.state(job.state, ansi())
                    + (job.message == null ? "" : " - " + job.message));
            return 0;
        }

        /** Follows the job until it ends, unless detached. */
        /** Starts the job (resume, retry) with a listener in place, then follows it unless detached. */
        int follow(java.util.function.Supplier<CompletableFuture<JobRecord>> start, boolean detach, String what) {
            if (detach) {
                start.get();
                return done(what);
            }
            String jobId = causa().resolveJobId(id);
            JobRecord end;
            try (Follow.Early early = Follow.listenEarly(session())) {
                end = Follow.await(session(), ProgressPrinter.of(Set.of(), Set.of(jobId)), start.get(), !output.json,
                        early);
            }
            if (output.json) return printJson(causa().jobView(end).summary());
            return end.state == JobState.COMPLETED ? 0 : 3;
        }
    }

    /** How long pause and cancel wait for a job to reach a pause point before calling it stuck. */
    static final int STOP_WAIT_SECONDS = (int) Causa.STUCK_AFTER.toSeconds();

    /** Waits for a requested stop; a job that does not reach a pause point in time is reported stuck. */
    static void awaitStop(java.util.concurrent.CompletableFuture<JobState> stop, String id, String what)
            throws Exception {
        try {
            stop.get(STOP_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new dev.causa.engine.model.CausaException(dev.causa.engine.model.CausaException.Kind.ENGINE, "job " + id
                    + " did not reach a pause point within " + STOP_WAIT_SECONDS + " s: it is stuck; it will "
                    + what + " when it reaches one" + (what.equals("be cancelled")
                    ? ", or when causa next starts" : ""));
        }
    }

    /** A command that runs the job and follows it until it ends, unless detached. */
    abstract static class Following extends OnJob {
        @Option(names = "--detach", description = "Return once it is queued; do not wait.")
        boolean detach;
    }

    @Command(name = "pause", description = "Pause a running job at its next pause point; it keeps its checkpoint.")
    static final class Pause extends OnJob {
        @Override
        public Integer call() throws Exception {
            awaitStop(causa().pause(id), id, "pause");
            return done("pause");
        }
    }

    @Command(name = "resume", description = "Resume a paused job from its checkpoint and follow it.")
    static final class Resume extends Following {
        @Override
        public Integer call() {
            return follow(() -> causa().resume(id), detach, "resume");
        }
    }

    @Command(name = "cancel", description = "Cancel a queued, paused or running job; its history stays.")
    static final class Cancel extends OnJob {
        @Override
        public Integer call() throws Exception {
            awaitStop(causa().cancel(id), id, "be cancelled");
            return done("cancel");
        }
    }

    @Command(name = "retry", description = "Run a failed job again and follow it.")
    static final class Retry extends Following {
        @Override
        public Integer call() {
            return follow(() -> causa().retry(id), detach, "retry");
        }
    }

    @Command(name = "watch", description = {"Follow jobs until they end (runs the workers).",
            "Without ids: every unfinished job, until none is left."})
    static final class Watch extends SessionCommand {
        @Parameters(paramLabel = "JOB-ID", arity = "0..*", completionCandidates = Completions.JobIds.class,
                description = "Jobs to follow (unique prefixes will do).")
        List<String> ids;

        @Override
        public Integer call() {
            Causa causa = session().causaWithWorkers();
            boolean all = ids == null || ids.isEmpty();
            Set<String> followed = new HashSet<>();
            List<CompletableFuture<JobRecord>> waits = all ? unfinished(causa, followed) : new ArrayList<>();
            if (!all) {
                for (String given : ids) {
                    String id = causa.resolveJobId(given);
                    followed.add(id);
                    causa.activeJob(id).filter(j -> j.state() != JobState.PAUSED)
                            .ifPresentOrElse(j -> waits.add(j.finished()),
                                    () -> out().println("job " + id + " is " + causa.job(id).state.label()));
                }
            }
            if (waits.isEmpty()) {
                out().println("nothing to watch: no unfinished jobs");
                return 0;
            }
            out().println("watching " + waits.size() + " job(s); Ctrl-C stops watching");
            out().flush();
            List<CompletableFuture<JobRecord>> current = waits;
            while (!current.isEmpty()) {
                Follow.await(session(), ProgressPrinter.of(Set.of(), followed),
                        CompletableFuture.allOf(current.toArray(CompletableFuture[]::new)), true);
                // children spawned meanwhile are unfinished too
                current = all ? unfinished(causa, followed) : List.of();
            }
            out().println("all watched jobs have ended");
            return 0;
        }

        private static List<CompletableFuture<JobRecord>> unfinished(Causa causa, Set<String> followed) {
            List<CompletableFuture<JobRecord>> waits = new ArrayList<>();
            causa.unfinishedJobs().forEach(j -> {
                followed.add(j.id());
                waits.add(j.finished());
            });
            return waits;
        }
    }
}
