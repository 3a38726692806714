package dev.causa.engine.model;

/** A state change the transition table does not allow, e.g. resuming a completed job. */
public final class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String jobId, JobState from, JobState to) {
        super("job " + jobId + " is " + from.label() + " and cannot become " + to.label());
    }
}
