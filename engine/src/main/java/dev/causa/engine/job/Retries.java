package dev.causa.engine.job;

import dev.causa.api.RetryPolicy;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.model.JobError;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A failed run: failed for good, or queued again after a backoff when the action type's retry policy allows. */
final class Retries {

    private final JobRuntime rt;
    private final Outcomes outcomes;
    private final ProgressTicker progress;
    private final Function<String, RetryPolicy> policies;

    Retries(JobRuntime rt, Outcomes outcomes, ProgressTicker progress, Function<String, RetryPolicy> policies) {
        this.rt = rt;
        this.outcomes = outcomes;
        this.progress = progress;
        this.policies = policies;
    }

    /**
     * Records the failure; the job is queued again, not before its backoff, if the policy allows another attempt and
     * the engine is not stopping.
     */
    CompletableFuture<Void> fail(LiveJob job, Throwable error, boolean stopping) {
        JobRecord record = job.record;
        RetryPolicy policy = record.actionType == null ? RetryPolicy.NONE : policies.apply(record.actionType);
        JobError jobError = new JobError(error.getClass().getName(), job.scrub(describe(error)),
                job.scrub(stackOf(error)));
        if (!policy.allowsAnotherAttempt(record.attempts) || stopping) {
            return outcomes.finish(job, JobState.FAILED, "failed: " + jobError.message(), jobError);
        }
        // The failure and the re-queue are stored as one write: stored apart, a crash between the two commits left
        // the job failed for good although its policy allowed another attempt (found by bench/torture).
        progress.flush(job);
        Duration backoff = policy.backoffBefore(record.attempts + 1);
        CausaEvent failed;
        synchronized (record) {
            Instant now = Instant.now();
            record.error = jobError;
            record.transition(JobState.FAILED, "failed: " + jobError.message(), now);
            failed = rt.eventFor(dev.causa.engine.event.Events.JOB_FAILED, job);
            record.nextRunAt = now.plus(backoff);
            record.transition(JobState.QUEUED, "automatic retry " + (record.attempts + 1) + "/"
                    + policy.maxAttempts() + " in " + backoff.toMillis() + " ms", now);
        }
        // the queue holds it back until nextRunAt
        return rt.settle(job).whenComplete((ok, e) -> {
            if (failed != null) rt.events.publish(failed);
        });
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) return t.getClass().getSimpleName();
        // file system errors carry only a path as their message: name the error too
        return t instanceof java.nio.file.FileSystemException ? t.getClass().getSimpleName() + ": " + message : message;
    }

    private static String stackOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
