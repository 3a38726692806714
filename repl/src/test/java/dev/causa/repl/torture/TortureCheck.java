package dev.causa.repl.torture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.model.StateChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The torture run's judgement of a store against what was acknowledged. {@link #afterCrash} runs after each kill
 * (nothing acknowledged may be missing or changed); {@link #afterQuiescence} runs at the end (every acknowledged
 * action completed exactly once, with the right result and its context intact).
 */
final class TortureCheck {

    /** A problem, tagged with the round whose acknowledged work it concerns (0: not tied to one round). */
    record Problem(int round, String text) {
        @Override
        public String toString() {
            return (round > 0 ? "round " + round + ": " : "") + text;
        }
    }

    final List<Problem> problems = new ArrayList<>();
    final Map<String, Long> stats = new LinkedHashMap<>();

    private void count(String what, long n) {
        stats.merge(what, n, Long::sum);
    }

    private void problem(int round, String text) {
        problems.add(new Problem(round, text));
    }

    /** Everything acknowledged is in the store as acknowledged; the store holds together. */
    static TortureCheck afterCrash(RecordStore store, List<JsonNode> acks) {
        TortureCheck check = new TortureCheck();
        check.acknowledged(store, acks, false);
        check.wholeStore(store, false);
        return check;
    }

    /** As {@link #afterCrash}, and every acknowledged action ran to the right result exactly once. */
    static TortureCheck afterQuiescence(RecordStore store, List<JsonNode> acks, Path ledgers) throws IOException {
        TortureCheck check = new TortureCheck();
        check.acknowledged(store, acks, true);
        check.wholeStore(store, true);
        for (JsonNode ack : acks) {
            int round = ack.path("round").asInt();
            if (ack.path("kind").asText().equals("copy")) {
                check.copy(round, ack);
                for (JsonNode id : ack.path("job_ids")) {
                    store.job(id.asText()).filter(j -> j.logs.stream().anyMatch(l -> l.contains("continuing after")))
                            .ifPresent(j -> check.count("copies that continued from a checkpoint, not from the start", 1));
                }
            } else {
                for (JsonNode id : ack.path("job_ids")) check.ledgerJob(store, round, id.asText(), ledgers);
            }
        }
        return check;
    }

    private void acknowledged(RecordStore store, List<JsonNode> acks, boolean finished) {
        for (JsonNode ack : acks) {
            int round = ack.path("round").asInt();
            String actionId = ack.path("action_id").asText();
            ActionRecord action = store.action(actionId).orElse(null);
            count("acknowledged actions checked", 1);
            if (action == null) {
                problem(round, "acknowledged action " + actionId + " is lost");
                continue;
            }
            List<String> ids = new ArrayList<>();
            ack.path("job_ids").forEach(n -> ids.add(n.asText()));
            if (!action.jobIds.equals(ids)) problem(round, "action " + actionId + " lists jobs " + action.jobIds + ", acknowledged " + ids);
            if (finished && action.status != ActionRecord.Status.COMPLETED) {
                problem(round, "action " + actionId + " ended " + action.status + ": " + action.error);
            }
            for (String id : ids) {
                JobRecord job = store.job(id).orElse(null);
                count("acknowledged jobs checked", 1);
                if (job == null) {
                    problem(round, "acknowledged job " + id + " of action " + actionId + " is lost");
                    continue;
                }
                if (!Json.tree(job.actionContext).equals(ack.path("context"))) {
                    problem(round, "job " + id + " has action_context " + Json.text(job.actionContext)
                            + ", acknowledged " + ack.path("context"));
                }
                if (finished && job.state != JobState.COMPLETED) {
                    problem(round, "job " + id + " ended " + job.state.label() + ": " + job.lastReason());
                }
            }
        }
    }

    /** Every job: at most one completion, its action on record, children carrying their parent's context. */
    private void wholeStore(RecordStore store, boolean finished) {
        Map<String, JobRecord> byId = new HashMap<>();
        for (JobRecord job : store.jobs(JobQuery.all(0)).items()) byId.put(job.id, job);
        count("jobs in store", byId.size());
        for (JobRecord job : byId.values()) {
            long completions = job.history.stream().filter(c -> c.state() == JobState.COMPLETED).count();
            if (completions > 1) problem(0, "job " + job.id + " completed " + completions + " times");
            if (job.history.stream().anyMatch(c -> "interrupted: causa stopped while the job ran".equals(c.reason()))) {
                count("jobs interrupted by a kill", 1);
                interruptedThenResumed(job);
            }
            if (job.history.stream().anyMatch(c -> c.reason() != null && c.reason().startsWith("automatic retry"))) {
                count("jobs retried automatically", 1);
            }
            if (job.history.stream().anyMatch(c -> "paused".equals(c.reason()))) count("jobs paused by the workload", 1);
            if (job.state == JobState.RUNNING) count("jobs left running", 1);
            if (job.actionId != null && store.action(job.actionId).isEmpty()) {
                problem(0, "job " + job.id + " (" + job.jobType + ") has no action record " + job.actionId);
            }
            if (job.parentJobId != null) {
                JobRecord parent = byId.get(job.parentJobId);
                if (parent == null) {
                    problem(0, "child job " + job.id + " has no parent " + job.parentJobId);
                } else if (!Objects.equals(Json.tree(parent.actionContext), Json.tree(job.actionContext))) {
                    problem(0, "child job " + job.id + " has another action_context than its parent");
                }
            }
        }
        // Crash recovery finds running and paused jobs through the state index: it must agree with the records.
        Map<JobState, Long> byRecord = new java.util.EnumMap<>(JobState.class);
        byId.values().forEach(j -> byRecord.merge(j.state, 1L, Long::sum));
        Map<JobState, Long> indexed = store.countByState();
        for (JobState state : JobState.values()) {
            long records = byRecord.getOrDefault(state, 0L);
            long index = indexed.getOrDefault(state, 0L);
            if (records != index) problem(0, "the state index counts " + index + " " + state.label() + " jobs, the records " + records);
        }
        int dangling = 0;
        int open = 0;
        for (ActionRecord action : store.actions(new ActionQuery(null, null, null, 0)).items()) {
            count("action records in store", 1);
            if (action.jobIds.stream().anyMatch(id -> !byId.containsKey(id))) dangling++;
            if (action.status == ActionRecord.Status.RUNNING) open++;
        }
        // An action record committed before its jobs, with the kill in between, was never acknowledged: counted,
        // reported in the summary, not a loss.
        count("unacknowledged action records naming jobs that were never stored", dangling);
        if (finished) count("action records still marked running at the end", open);
    }

    private void interruptedThenResumed(JobRecord job) {
        List<StateChange> h = job.history;
        for (int i = 0; i < h.size(); i++) {
            if (!"interrupted: causa stopped while the job ran".equals(h.get(i).reason())) continue;
            if (i + 1 >= h.size()) return; // not run again yet (an unacknowledged job at the end, or mid-run)
            String next = h.get(i + 1).reason();
            if (h.get(i + 1).state() == JobState.RUNNING && next != null && next.startsWith("resumed from")) {
                count("interrupted runs resumed (" + next + ")", 1);
            } else if (h.get(i + 1).state() != JobState.CANCELLED) {
                problem(0, "job " + job.id + " was interrupted and then went " + h.get(i + 1).state().label()
                        + " (" + next + ")");
            }
        }
    }

    private void copy(int round, JsonNode ack) throws IOException {
        Path source = Path.of(ack.path("source").asText());
        List<String> diff = Trees.compare(source, Path.of(ack.path("destination").asText()));
        count("copied trees compared byte for byte", 1);
        try (var walk = Files.walk(source)) {
            count("copied files compared", walk.filter(Files::isRegularFile).count());
        }
        diff.forEach(d -> problem(round, "files.copy " + ack.path("action_id").asText() + ": " + d));
    }

    private void ledgerJob(RecordStore store, int round, String id, Path ledgers) throws IOException {
        JobRecord job = store.job(id).orElse(null);
        if (job == null) return; // reported as lost above
        int steps = job.payload.path("steps").asInt();
        Ledger.Verdict verdict = Ledger.judge(LedgerJob.ledger(ledgers, id), steps);
        count("ledger jobs checked", 1);
        count("ledger steps checked", steps);
        count("ledger steps run again after a kill (not yet checkpointed)", verdict.redoneSteps());
        count("planned first-attempt failures", verdict.failures());
        verdict.problems().forEach(p -> problem(round, "ledger of job " + id + ": " + p));
        if (job.state != JobState.COMPLETED) return;
        JsonNode checkpoint = job.checkpoint;
        if (checkpoint == null || checkpoint.path("next").asInt() != steps) {
            problem(round, "job " + id + " completed with checkpoint " + checkpoint);
            return;
        }
        List<String> recorded = new ArrayList<>();
        checkpoint.path("children").forEach(c -> recorded.add(c.asText()));
        List<JobRecord> children = store.jobs(new JobQuery(null, null, null, id, 0)).items();
        for (String child : recorded) {
            if (children.stream().noneMatch(c -> c.id.equals(child))) {
                problem(round, "child " + child + " named in the checkpoint of job " + id + " is lost");
            }
        }
        count("child jobs spawned again because the spawning step re-ran", children.size() - recorded.size());
        for (JobRecord child : children) {
            count("child jobs checked", 1);
            if (child.state != JobState.COMPLETED) {
                problem(round, "child job " + child.id + " ended " + child.state.label());
                continue;
            }
            ledgerJob(store, round, child.id, ledgers);
        }
    }
}
