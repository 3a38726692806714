package dev.causa.api;

import org.pf4j.ExtensionPoint;

/**
 * A kind of work, named by a job type such as {@code file_copy}, run by the engine's workers. Contribute an
 * implementation with PF4J's {@code @Extension}.
 *
 * <p>A job reports progress, checkpoints its state and calls {@link JobContext#pausePoint()} at safe points.
 * When it is paused, cancelled, or the engine stops or crashes, it runs again later from its last checkpoint:
 * {@link JobContext#restore(Class)} gives that state back.
 *
 * @param <P> the payload record the job was dispatched with
 */
public interface Job<P extends Record> extends ExtensionPoint {

    /** The job type, unique across installed plugins, e.g. {@code file_copy}. */
    String type();

    /** The record the stored payload is bound to. */
    Class<P> payloadType();

    /**
     * Whether an interrupted run may continue from its checkpoint. If false, a job left running by a crash runs
     * again from the start.
     */
    default boolean resumable() {
        return true;
    }

    /**
     * The most jobs of this type that may run at once, on every node of the store together; 0 (the default) for no
     * limit. A user can override it in {@code causa.conf} ({@code limit.<job type> = N}).
     */
    default int maxConcurrency() {
        return 0;
    }

    /**
     * A short title for progress messages, built from the payload and the action context, e.g.
     * {@code "Documents scan"} or {@code "3 files to /backup"}. The engine frames it with the phase and counts:
     * {@code "Finalizing Documents scan (3846/3877)"}.
     *
     * @param action the action context, or null for a job dispatched without an action
     * @return the title, or null to let the engine use the action type
     */
    default String title(P payload, ActionContext action) {
        return null;
    }

    /**
     * Does the work. Return normally to complete; throw to fail (the message is kept as the job's error).
     * {@link JobInterruptedException}, thrown by {@link JobContext#pausePoint()}, must be left to propagate.
     */
    void run(P payload, JobContext context) throws Exception;
}
