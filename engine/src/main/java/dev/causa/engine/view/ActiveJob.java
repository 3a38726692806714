package dev.causa.engine.view;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.util.concurrent.CompletableFuture;

/**
 * A job this process runs or holds to run, as a front end counts and follows it: a snapshot of its state taken
 * under its monitor, and the future of its end.
 *
 * @param initiatedBy   who started the action that caused it, or null for a job dispatched without an action
 * @param resumeOnStart paused by an engine exit rather than a user: it resumes by itself
 * @param finished      completes with the final record once the job is completed, cancelled, or failed with no
 *                      retry left
 */
public record ActiveJob(String id, String jobType, JobState state, boolean resumeOnStart, String initiatedBy,
                        CompletableFuture<JobRecord> finished) {

    /** Whether it runs, or waits for a worker. */
    public boolean isRunningOrQueued() {
        return state == JobState.RUNNING || state == JobState.QUEUED;
    }
}
