package dev.causa.api;

/**
 * Thrown by {@link JobContext#pausePoint()} when the job must stop because it was paused or cancelled or the
 * engine is shutting down. Let it propagate: the engine records the right state.
 */
public final class JobInterruptedException extends RuntimeException {

    /** Why the job is stopping. */
    public enum Reason { PAUSE, CANCEL, SHUTDOWN }

    private final Reason reason;

    public JobInterruptedException(Reason reason) {
        super(reason.name().toLowerCase(), null, false, false);
        this.reason = reason;
    }

    /** Why the job is stopping. */
    public Reason reason() {
        return reason;
    }
}
