package dev.causa.engine.job;

import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import dev.causa.engine.model.JobError;
import dev.causa.engine.model.JobState;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The one way a run of a job settles: completed, failed, cancelled or paused. The state is stored (giving up the
 * lease), and only then are the event published and those waiting for the job told.
 */
final class Outcomes {

    private final JobRuntime rt;
    private final ProgressTicker progress;

    Outcomes(JobRuntime rt, ProgressTicker progress) {
        this.rt = rt;
        this.progress = progress;
    }

    /** Ends the job for good; the future completes once that is stored. */
    CompletableFuture<Void> finish(LiveJob job, JobState state, String reason, JobError error) {
        progress.flush(job);
        synchronized (job.record) {
            job.record.error = error;
            job.record.transition(state, reason, Instant.now());
        }
        String name = switch (state) {
            case COMPLETED -> Events.JOB_COMPLETED;
            case CANCELLED -> Events.JOB_CANCELLED;
            default -> Events.JOB_FAILED;
        };
        CausaEvent event = rt.eventFor(name, job);
        return rt.settle(job).whenComplete((ok, failure) -> {
            if (event != null) rt.events.publish(event);
            rt.live.remove(job.id());
            rt.lifecycle.finished(job.record);
            job.finished.complete(job.record);
        });
    }

    /** Pauses the job at its checkpoint; with {@code resumeOnStart} it continues when a worker is free again. */
    CompletableFuture<Void> suspend(LiveJob job, String reason, boolean resumeOnStart) {
        progress.flush(job);
        synchronized (job.record) {
            job.record.transition(JobState.PAUSED, reason, Instant.now());
            job.record.resumeOnStart = resumeOnStart;
        }
        return rt.settle(job).thenRun(() -> rt.publish(Events.JOB_PAUSED, job));
    }
}
