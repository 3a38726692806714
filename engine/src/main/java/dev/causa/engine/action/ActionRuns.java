package dev.causa.engine.action;

import dev.causa.engine.event.EventBus;
import dev.causa.engine.event.Events;
import dev.causa.engine.job.JobLifecycle;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.model.JobState;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes action runs: keeps each action's unfinished jobs (children included) and, when the last one ends,
 * records the action as completed (every job completed) or failed, and publishes the action event.
 *
 * <p>Jobs are kept by id, not counted: a run picked up from the store may or may not have seen a job's end
 * already, and telling it again must change nothing (a count went wrong there and the run never closed).
 */
public final class ActionRuns implements JobLifecycle {

    /**
     * A run being counted; {@code record} is the dispatched record when this process dispatched it, else null.
     * Plain sets under the run's own lock: one is made for every action run, so it is kept light.
     */
    private static final class Open {
        private final Set<String> unfinished;
        private Set<String> failed; // made on the first failure
        final CompletableFuture<ActionRecord> done = new CompletableFuture<>();
        final ActionRecord record;

        Open(Collection<String> unfinished, Collection<String> failed, ActionRecord record) {
            this.unfinished = new HashSet<>(unfinished);
            this.failed = failed.isEmpty() ? null : new HashSet<>(failed);
            this.record = record;
        }

        synchronized void started(String jobId) {
            unfinished.add(jobId);
        }

        /** Notes a job's end (again, harmlessly); true if no job of the run is left unfinished. */
        synchronized boolean ended(String jobId, boolean completed) {
            if (!completed) {
                if (failed == null) failed = new HashSet<>();
                failed.add(jobId);
            }
            unfinished.remove(jobId);
            return unfinished.isEmpty();
        }

        synchronized boolean allEnded() {
            return unfinished.isEmpty();
        }

        synchronized int failures() {
            return failed == null ? 0 : failed.size();
        }
    }

    private final RecordStore store;
    private final EventBus events;
    private final ConcurrentHashMap<String, Open> open = new ConcurrentHashMap<>();
    /** Runs whose final record is being committed: their status in the store is not final yet. */
    private final ConcurrentHashMap<String, CompletableFuture<ActionRecord>> closing = new ConcurrentHashMap<>();

    public ActionRuns(RecordStore store, EventBus events) {
        this.store = store;
        this.events = events;
    }

    /** Starts tracking an action that dispatched these jobs; the future completes when it is closed. */
    CompletableFuture<ActionRecord> track(ActionRecord action) {
        Open run = new Open(action.jobIds, Set.of(), action);
        open.put(action.id, run);
        return run.done;
    }

    /** Stops tracking an action whose commit failed: it never existed, and none of its jobs will run. */
    void forget(String actionId) {
        open.remove(actionId);
    }

    /** The completion of an action run, picking up runs left open by an earlier process. */
    public CompletableFuture<ActionRecord> completion(String actionId) {
        Open run = open.get(actionId);
        if (run != null) return run.done;
        CompletableFuture<ActionRecord> closingNow = closing.get(actionId);
        if (closingNow != null) return closingNow;
        ActionRecord record = store.action(actionId).orElse(null);
        if (record == null || record.status != ActionRecord.Status.RUNNING) {
            return CompletableFuture.completedFuture(record);
        }
        run = adopt(actionId);
        if (run.allEnded()) close(actionId, run); // its jobs ended while no one was counting
        return run.done;
    }

    private Open adopt(String actionId) {
        return open.computeIfAbsent(actionId, id -> {
            var jobs = store.jobs(JobQuery.ofAction(id)).items();
            return new Open(jobs.stream().filter(j -> !j.state.isFinished()).map(j -> j.id).toList(),
                    jobs.stream().filter(j -> j.state.isFinished() && j.state != JobState.COMPLETED)
                            .map(j -> j.id).toList(), null);
        });
    }

    @Override
    public void created(JobRecord job) {
        if (job.actionId != null) {
            Open run = open.get(job.actionId);
            if (run != null) run.started(job.id);
        }
    }

    @Override
    public void finished(JobRecord job) {
        if (job.actionId == null) return;
        Open run = open.get(job.actionId);
        if (run == null) run = adopt(job.actionId);
        if (run.ended(job.id, job.state == JobState.COMPLETED)) close(job.actionId, run);
    }

    @Override
    public void finishedElsewhere(String jobId, String actionId, boolean completed) {
        if (actionId == null) return;
        Open run = open.get(actionId);
        if (run != null && run.ended(jobId, completed)) close(actionId, run);
    }

    private void close(String actionId, Open run) {
        if (!open.remove(actionId, run)) return;
        closing.put(actionId, run.done);
        // the record this process dispatched is at hand; one picked up after a restart is read back
        ActionRecord record = run.record != null ? run.record : store.action(actionId).orElse(null);
        if (record == null || record.status != ActionRecord.Status.RUNNING) {
            // gone, or closed already by another node on a shared store
            closing.remove(actionId);
            run.done.complete(record);
            return;
        }
        int failures = run.failures();
        boolean ok = failures == 0;
        record.status = ok ? ActionRecord.Status.COMPLETED : ActionRecord.Status.FAILED;
        if (!ok && record.error == null) record.error = failures + " job(s) did not complete";
        record.finishedAt = Instant.now();
        store.update(record).whenComplete((v, e) -> {
            if (events.hasListeners()) {
                events.publish(Events.action(ok ? Events.ACTION_COMPLETED : Events.ACTION_FAILED, record, Instant.now()));
            }
            closing.remove(actionId);
            run.done.complete(record);
        });
    }
}
