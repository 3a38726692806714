package dev.causa.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.Job;
import dev.causa.api.JobInterruptedException;
import dev.causa.api.JobInterruptedException.Reason;
import dev.causa.engine.event.Events;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.plugin.Contribution;
import dev.causa.engine.plugin.Extensions;
import dev.causa.engine.store.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads: each claims one job at a time from the store's work queue (highest priority first, within
 * the concurrency limits of its type, only types this node's plugins offer), runs it, and settles it. A heartbeat
 * renews the leases of the jobs this node runs.
 */
final class Workers {

    private static final Logger log = LoggerFactory.getLogger(Workers.class);
    private static final long IDLE_WAIT_MILLIS = 200;

    private final JobRuntime rt;
    private final Outcomes outcomes;
    private final Retries retries;
    private final JobRun.Host host;
    private final List<Thread> threads = new ArrayList<>();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean stopping;
    private volatile Extensions limitsOf;
    private volatile Map<String, Integer> limits = Map.of();

    Workers(JobRuntime rt, Outcomes outcomes, Retries retries, JobRun.Host host) {
        this.rt = rt;
        this.outcomes = outcomes;
        this.retries = retries;
        this.host = host;
    }

    void start() {
        rt.queue.onWork(this::wake);
        for (int i = 0; i < rt.settings.workers(); i++) {
            threads.add(Thread.ofPlatform().name("causa-worker-" + i).daemon(true).start(this::loop));
        }
    }

    boolean stopping() {
        return stopping;
    }

    /** Wakes an idle worker: work may be claimable. */
    void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** Renews this node's leases; a job whose lease is lost is asked to stop (another node has it now). */
    void heartbeat() {
        List<String> held = new ArrayList<>();
        for (LiveJob job : rt.live.values()) {
            if (job.lease != null) held.add(job.id());
        }
        if (held.isEmpty()) return;
        try {
            for (String lost : rt.queue.renew(rt.settings.node(), held, rt.lease())) {
                LiveJob job = rt.live.get(lost);
                if (job == null || job.lease == null) continue;
                log.warn("job {}: lease lost; another node may run it now, stopping here", lost);
                job.stopRequest = Reason.SHUTDOWN;
            }
        } catch (RuntimeException e) {
            log.warn("lease renewal failed", e);
        }
    }

    private void loop() {
        while (!stopping) {
            List<Claim> claims;
            try {
                claims = rt.queue.claim(rt.settings.node(), 1, this::canRun, limits(), rt.lease());
            } catch (RuntimeException e) {
                log.warn("claiming work failed", e);
                claims = List.of();
            }
            if (claims.isEmpty()) {
                idle();
                continue;
            }
            for (Claim claim : claims) {
                try {
                    run(claim);
                } catch (RuntimeException e) {
                    log.error("worker failed around job {}", claim.job().id, e);
                }
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            if (!signalled && !stopping) {
                try {
                    signal.wait(IDLE_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (stopping) return;
                    Thread.interrupted();
                }
            }
            signalled = false;
        }
    }

    private boolean canRun(String jobType) {
        return rt.extensions.get().job(jobType).isPresent();
    }

    /** The concurrency limits: what job types declare, overridden by the user's settings. */
    private Map<String, Integer> limits() {
        Extensions now = rt.extensions.get();
        if (now != limitsOf) {
            Map<String, Integer> next = new HashMap<>();
            for (Contribution<Job<?>> c : now.jobs()) {
                int max = c.extension().maxConcurrency();
                if (max > 0) next.put(c.extension().type(), max);
            }
            next.putAll(rt.settings.limits());
            limits = Map.copyOf(next);
            limitsOf = now;
        }
        return limits;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void run(Claim claim) {
        LiveJob job = rt.adopt(claim.job());
        JobRecord record = job.record;
        if (rt.shared && record != claim.job()) {
            // held here (dispatched or followed here) while other nodes may have run it: the claim is the truth
            synchronized (record) {
                record.copyFrom(claim.job());
            }
        }
        job.lease = claim.lease();
        if (stopping) { // taken as the engine stops: back to the queue as it is
            rt.settle(job);
            return;
        }
        Optional<Contribution<Job<?>>> handler = rt.extensions.get().job(record.jobType);
        if (handler.isEmpty()) { // its plugin went away since the claim
            rt.settle(job);
            return;
        }
        rt.announceQueued(job);
        String event;
        synchronized (record) {
            if (Recovery.interrupted(record, claim.expiredFrom()) == Recovery.Verdict.CANCEL) {
                event = null;
            } else if (record.state == JobState.QUEUED) {
                record.attempts++;
                record.nextRunAt = null;
                event = Events.JOB_STARTED;
                record.transition(JobState.RUNNING, record.attempts > 1 ? "attempt " + record.attempts : "started",
                        Instant.now());
            } else if (record.state == JobState.PAUSED) {
                event = Events.JOB_RESUMED;
                boolean fresh = !handler.get().extension().resumable();
                if (fresh) record.checkpoint = null;
                record.transition(JobState.RUNNING, Recovery.resumedReason(record, claim.expiredFrom(),
                        rt.settings.node(), fresh), Instant.now());
                record.resumeOnStart = false;
            } else { // cancelled or finished meanwhile
                event = "";
            }
            if (event != null && !event.isEmpty()) {
                job.stopRequest = null;
                job.runEnded = new CompletableFuture<>();
                job.runner = Thread.currentThread();
                job.runStartedNanos = System.nanoTime();
                // Not stored now: a short job's start and end share one write; the progress tick stores the
                // running state of a job that is still at it (and a crash re-runs a queued job just the same).
                job.runningStored = false;
            }
        }
        if (event == null) {
            outcomes.finish(job, JobState.CANCELLED, "cancelled: it did not stop while causa ran", record.error);
            return;
        }
        if (event.isEmpty()) {
            rt.settle(job);
            return;
        }
        rt.publish(event, job);
        Settled settled;
        try {
            Job h = handler.get().extension();
            JsonNode payload = job.rawPayload != null ? job.rawPayload : record.payload;
            Object bound = Json.mapper().treeToValue(payload, h.payloadType());
            h.run((Record) bound, new JobRun(host, job));
            settled = new Settled(JobState.COMPLETED, outcomes.finish(job, JobState.COMPLETED, "completed", null));
        } catch (JobInterruptedException e) {
            settled = stopped(job, e.reason());
        } catch (Throwable t) {
            // a job interrupted because we asked it to stop has stopped, not failed
            Reason requested = job.stopRequest;
            settled = requested != null ? stopped(job, requested)
                    : new Settled(JobState.FAILED, retries.fail(job, t, stopping));
        } finally {
            job.runner = null;
            Thread.interrupted();
        }
        CompletableFuture<JobState> ended = job.runEnded;
        JobState end = settled.state();
        settled.stored().whenComplete((v, e) -> ended.complete(end));
    }

    /** How a run ended, and the write of that end. */
    private record Settled(JobState state, CompletableFuture<Void> stored) {
    }

    private Settled stopped(LiveJob job, Reason reason) {
        return switch (reason) {
            case CANCEL -> new Settled(JobState.CANCELLED,
                    outcomes.finish(job, JobState.CANCELLED, "cancelled while running", null));
            case PAUSE -> new Settled(JobState.PAUSED, outcomes.suspend(job, "paused", false));
            case SHUTDOWN -> new Settled(JobState.PAUSED,
                    outcomes.suspend(job, "paused: causa is exiting; resumes on next start", true));
        };
    }

    /**
     * Stops the workers: running jobs are asked to pause at their next pause point and resume on the next start;
     * a job that does not reach one within the grace period stays marked running and is recovered like a crash.
     */
    void stop(Duration grace) {
        stopping = true;
        for (LiveJob job : rt.live.values()) {
            // a cancel asked for earlier stays a cancel
            if (job.runner != null && job.stopRequest != Reason.CANCEL) job.stopRequest = Reason.SHUTDOWN;
        }
        wake();
        join(grace);
        // a job still running has not reached a pause point in time: interrupt it (blocking I/O, sleeps)
        threads.forEach(Thread::interrupt);
        join(Duration.ofSeconds(1));
    }

    private void join(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread worker : threads) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
