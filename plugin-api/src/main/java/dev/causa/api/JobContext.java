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

    /**
     * Reports progress. Cheap: call it as often as you like, the engine coalesces the events (at most ten a
     * second) and words the message from the phase, the job's title and the counts. A report that differs from
     * the previous one only in {@code completed} and {@code total} costs the same as
     * {@link #progress(long, long)} once the JIT has inlined it; a new phase, message, byte count or path costs
     * a copy of the report.
     */
    void progress(Progress progress);

    /**
     * Reports new counts under the last {@link #progress(Progress)} report: its phase, message, byte counts, path
     * and issue counts stay, {@code completed} and {@code total} change (no phase if there was no full report).
     * The cheapest report there is, two field stores and no allocation, for jobs that report after every item:
     * <pre>{@code
     * ctx.progress(Progress.of("Scanning", 0, files.size()));   // once per phase
     * for (int i = 0; i < files.size(); i++) {
     *     scan(files.get(i));
     *     ctx.progress(i + 1, files.size());                   // after every item
     * }
     * }</pre>
     * The message users see is worded as for a full report, e.g. {@code "Scanning Documents scan (3/9)"}.
     *
     * <p>The default implementation, for test doubles, reports {@code Progress.of(null, completed, total)}; the
     * engine's keeps the last full report.
     *
     * @param completed units done
     * @param total     units in all, or -1 if unknown
     */
    default void progress(long completed, long total) {
        progress(Progress.of(null, completed, total));
    }

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
    default String spawnChild(String jobType, Record payload) {
        return spawnChild(jobType, payload, JobOptions.DEFAULT);
    }

    /**
     * {@link #spawnChild(String, Record)} with options, e.g. {@code JobOptions.priority(10)}.
     *
     * @return the child's id
     */
    String spawnChild(String jobType, Record payload, JobOptions options);

    /** Appends a line to this job's log, kept with the job (bounded) and shown by {@code job info}. */
    void log(String line);
}
