package dev.causa.engine.job;

import dev.causa.engine.model.JobRecord;

/** Told when a job is created and when it has finished for good, so that action runs can be closed. */
public interface JobLifecycle {

    JobLifecycle NONE = new JobLifecycle() {
        @Override
        public void created(JobRecord job) {
        }

        @Override
        public void finished(JobRecord job) {
        }
    };

    void created(JobRecord job);

    /** The job is completed, cancelled, or failed with no retry left; its final state is committed. */
    void finished(JobRecord job);

    /**
     * Another node (on a shared store) finished the job for good: counts only for action runs this process already
     * follows, and reads nothing.
     */
    default void finishedElsewhere(String jobId, String actionId, boolean completed) {
    }
}
