package dev.causa.api;

import java.util.Optional;

/** What a running job sees. Thread-confined to the job's worker. */
public interface JobContext {

    /** This job's id. */
    String jobId();

    /** The context of the action that caused this job; empty for a job dispatched without an action. */
    Optional<ActionContext> actionContext();

    /** The 1-based attempt number: above 1 when the job is being retried. */
    int attempt();

    /** Reports progress. Cheap: call it as often as you like, the engine coalesces the events. */
    void progress(Progress progress);

    /**
     * Records where the job is, as a JSON-serializable value (a record, a map). The next run after a pause,
     * restart or crash gets it back from {@link #restore(Class)}. Durable once the engine commits.
     */
    void checkpoint(Object state);

    /** The last checkpoint, bound to {@code type}; empty on a fresh start. */
    <T> Optional<T> restore(Class<T> type);

    /**
     * A safe point: returns at once unless a pause or cancel was requested, in which case it throws
     * {@link JobInterruptedException}. Checkpoint before calling it.
     */
    void pausePoint();

    /** Whether a pause or cancel was requested, for jobs that want to stop on their own terms. */
    boolean stopRequested();

    /**
     * Dispatches a child job that inherits this job's action context and records this job as its parent.
     *
     * @return the child's id
     */
    String spawnChild(String jobType, Record payload);

    /** Appends a line to this job's log, kept with the job (bounded) and shown by {@code job info}. */
    void log(String line);
}
