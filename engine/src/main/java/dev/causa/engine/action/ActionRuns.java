package dev.causa.engine.action;

import dev.causa.engine.event.EventBus;
import dev.causa.engine.event.Events;
import dev.causa.engine.job.JobLifecycle;
import dev.causa.engine.store.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.JobRecord;
import dev.causa.engine.store.JobStore;
import dev.causa.engine.job.JobState;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes action runs: counts each action's unfinished jobs (children included) and, when the last one ends,
 * records the action as completed (every job completed) or failed, and publishes the action event.
 */
public final class ActionRuns implements JobLifecycle {

    private record Open(AtomicInteger unfinished, AtomicInteger failed, CompletableFuture<ActionRecord> done) {
    }

    private final JobStore store;
    private final EventBus events;
    private final ConcurrentHashMap<String, Open> open = new ConcurrentHashMap<>();
    /** Runs whose final record is being committed: their status in the store is not final yet. */
    private final ConcurrentHashMap<String, CompletableFuture<ActionRecord>> closing = new ConcurrentHashMap<>();

    public ActionRuns(JobStore store, EventBus events) {
        this.store = store;
        this.events = events;
    }

    /** Starts tracking an action that dispatched {@code jobs} jobs; the future completes when it is closed. */
    CompletableFuture<ActionRecord> track(String actionId, int jobs) {
        Open run = new Open(new AtomicInteger(jobs), new AtomicInteger(), new CompletableFuture<>());
        open.put(actionId, run);
        return run.done;
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
        if (run.unfinished.get() == 0) close(actionId, run); // its jobs ended while no one was counting
        return run.done;
    }

    private Open adopt(String actionId) {
        return open.computeIfAbsent(actionId, id -> {
            var jobs = store.jobs(JobQuery.ofAction(id));
            int unfinished = (int) jobs.stream().filter(j -> !j.state.isFinished()).count();
            int failed = (int) jobs.stream().filter(j -> j.state == JobState.FAILED).count();
            return new Open(new AtomicInteger(unfinished), new AtomicInteger(failed), new CompletableFuture<>());
        });
    }

    @Override
    public void created(JobRecord job) {
        if (job.actionId != null) {
            Open run = open.get(job.actionId);
            if (run != null) run.unfinished.incrementAndGet();
        }
    }

    @Override
    public void finished(JobRecord job) {
        if (job.actionId == null) return;
        Open run = open.get(job.actionId);
        if (run == null) {
            run = adopt(job.actionId);
            // adopt() counted from the store, where this job is already finished.
            if (job.state != JobState.COMPLETED) run.failed.updateAndGet(n -> Math.max(n, 1));
            if (run.unfinished.get() == 0) close(job.actionId, run);
            return;
        }
        if (job.state != JobState.COMPLETED) run.failed.incrementAndGet();
        if (run.unfinished.decrementAndGet() == 0) close(job.actionId, run);
    }

    private void close(String actionId, Open run) {
        if (!open.remove(actionId, run)) return;
        closing.put(actionId, run.done);
        ActionRecord record = store.action(actionId).orElse(null);
        if (record == null) return;
        boolean ok = run.failed.get() == 0;
        record.status = ok ? ActionRecord.Status.COMPLETED : ActionRecord.Status.FAILED;
        if (!ok && record.error == null) record.error = run.failed.get() + " job(s) did not complete";
        record.finishedAt = Instant.now();
        store.save(record).whenComplete((v, e) -> {
            events.publish(Events.action(ok ? Events.ACTION_COMPLETED : Events.ACTION_FAILED, record, Instant.now()));
            closing.remove(actionId);
            run.done.complete(record);
        });
    }
}
