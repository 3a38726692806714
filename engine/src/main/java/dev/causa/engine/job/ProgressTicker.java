package dev.causa.engine.job;

import dev.causa.api.Progress;
import dev.causa.engine.event.Events;
import dev.causa.engine.event.ProgressMessages;
import dev.causa.engine.event.ProgressView;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesced progress: a tick publishes each running job's latest progress at most every
 * {@link #TICK_MILLIS} ms (≤ 10 events/s per job), stores it now and then, and stores the running state of a job
 * still at work (a short job's start and end share one write).
 */
final class ProgressTicker {

    private static final Logger log = LoggerFactory.getLogger(ProgressTicker.class);
    static final long TICK_MILLIS = 100;
    private static final long SAVE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JobRuntime rt;

    ProgressTicker(JobRuntime rt) {
        this.rt = rt;
    }

    void tick() {
        try {
            for (LiveJob job : rt.live.values()) {
                if (job.runner == null) continue;
                flush(job);
                if (!job.runningStored) {
                    job.runningStored = true;
                    rt.save(job);
                }
            }
        } catch (RuntimeException e) {
            log.warn("progress tick failed", e);
        }
    }

    /** Publishes the job's latest progress if it changed, and stores it now and then. */
    void flush(LiveJob job) {
        // under the job's monitor: the tick and the job's own final flush must not publish out of order
        synchronized (job.record) {
            Progress latest = job.takeUnpublished();
            if (latest == null) return;
            ProgressView view = view(job, latest);
            job.record.progress = view.progress();
            job.record.message = view.message();
            if (rt.events.hasListeners()) {
                rt.events.publish(Events.job(Events.JOB_PROGRESS, job.record, view, Instant.now()));
            }
        }
        save(job, false);
    }

    /** Stores the job's progress and checkpoint: at once with {@code now}, else at most every second. */
    void save(LiveJob job, boolean now) {
        long t = System.nanoTime();
        if (now || t - job.lastSavedProgressNanos > SAVE_NANOS) {
            job.lastSavedProgressNanos = t;
            rt.save(job);
        }
    }

    /** The latest progress of a running job, with its contextual message. */
    Optional<ProgressView> of(String id) {
        LiveJob job = rt.live.get(id);
        if (job == null) return Optional.empty();
        Progress latest = job.latestProgress();
        return latest == null ? Optional.empty() : Optional.of(view(job, latest));
    }

    private ProgressView view(LiveJob job, Progress reported) {
        Progress progress = job.scrubbed(reported); // a job may put its input's secret in a path or a message
        String message = job.scrub(ProgressMessages.message(progress, job.title, job.record.actionContext,
                job.record.jobType));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - job.runStartedNanos);
        return ProgressView.of(progress, message, elapsed);
    }
}
