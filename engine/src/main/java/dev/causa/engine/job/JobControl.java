package dev.causa.engine.job;

import dev.causa.api.JobInterruptedException.Reason;
import dev.causa.engine.event.Events;
import dev.causa.engine.model.IllegalTransitionException;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** What a user asks of a job: pause, resume, cancel, retry. Each is checked against the transition table. */
final class JobControl {

    private final JobRuntime rt;
    private final Outcomes outcomes;
    private final ControlListener remote;

    JobControl(JobRuntime rt, Outcomes outcomes, ControlListener remote) {
        this.rt = rt;
        this.outcomes = outcomes;
        this.remote = remote;
    }

    /**
     * On a shared store, whether a running job that no thread of this process runs is run by another node: it holds
     * a live lease on it. Its requests go there. Without one the job's node is gone.
     */
    private boolean runElsewhere(LiveJob job) {
        if (!rt.shared || job.runner != null) return false;
        return rt.queue.leaseHolder(job.id()).filter(n -> !n.equals(rt.settings.node())).isPresent();
    }

    /** A request another node sent for a job that runs here: applied as if asked here. */
    void applyRequest(String id, String request) {
        LiveJob job = rt.live.get(id);
        if (job == null) return;
        synchronized (job.record) {
            if (job.runner == null || job.record.state != JobState.RUNNING) return;
            if (request.equals("cancel")) {
                requestCancel(job);
            } else if (request.equals("pause") && job.stopRequest == null) {
                job.stopRequest = Reason.PAUSE;
                job.stopRequestedNanos = System.nanoTime();
            }
        }
    }

    private void requestCancel(LiveJob job) {
        job.stopRequest = Reason.CANCEL;
        job.stopRequestedNanos = System.nanoTime();
        job.record.cancelRequested = true;
        rt.save(job);
        job.runner.interrupt();
    }

    /** Asks a running job to pause at its next pause point; completes with the state the job settles in. */
    CompletableFuture<JobState> pause(String id) {
        LiveJob job = rt.require(id);
        // before the state: a job another node runs may still be stored as queued (its running state is stored late)
        if (runElsewhere(job)) return remote.request(job, "pause");
        synchronized (job.record) {
            if (job.record.state != JobState.RUNNING) {
                throw new IllegalTransitionException(id, job.record.state, JobState.PAUSED);
            }
            if (job.runner == null) {
                // Marked running by a process that is gone: it already stands at its last checkpoint.
                job.record.transition(JobState.PAUSED, "paused (its process had stopped)", Instant.now());
                return rt.save(job).thenApply(v -> {
                    rt.publish(Events.JOB_PAUSED, job);
                    return JobState.PAUSED;
                });
            }
            job.stopRequest = Reason.PAUSE;
            job.stopRequestedNanos = System.nanoTime();
            return job.runEnded;
        }
    }

    /** Asks for a paused job to run again from its checkpoint, on the first free worker. */
    CompletableFuture<JobRecord> resume(String id) {
        LiveJob job = rt.require(id);
        synchronized (job.record) {
            if (job.record.state != JobState.PAUSED) {
                throw new IllegalTransitionException(id, job.record.state, JobState.RUNNING);
            }
            job.record.resumeOnStart = true; // a pending resume: the work queue hands it to a worker
        }
        rt.save(job);
        return job.finished;
    }

    /** Cancels a queued, paused or running job; its history and context are kept. */
    CompletableFuture<JobState> cancel(String id) {
        LiveJob job = rt.require(id);
        if (runElsewhere(job)) return remote.request(job, "cancel"); // stored as queued or running
        synchronized (job.record) {
            JobState state = job.record.state;
            if (!state.canMoveTo(JobState.CANCELLED)) {
                throw new IllegalTransitionException(id, state, JobState.CANCELLED);
            }
            if (state == JobState.RUNNING && job.runner != null) {
                requestCancel(job);
                return job.runEnded;
            }
            return outcomes.finish(job, JobState.CANCELLED, "cancelled while " + state.label(), null)
                    .thenApply(v -> JobState.CANCELLED);
        }
    }

    /** Queues a failed job for another attempt. */
    CompletableFuture<JobRecord> retry(String id) {
        LiveJob job = rt.require(id);
        synchronized (job.record) {
            if (!job.record.state.canMoveTo(JobState.QUEUED)) {
                throw new IllegalTransitionException(id, job.record.state, JobState.QUEUED);
            }
            job.record.transition(JobState.QUEUED, "retry requested", Instant.now());
            job.record.nextRunAt = null;
        }
        LiveJob fresh = rt.live.computeIfAbsent(id, k -> job);
        rt.save(job).thenRun(() -> rt.publish(Events.JOB_QUEUED, fresh));
        return fresh.finished;
    }
}
