package dev.causa.api;

/**
 * How a job is dispatched.
 *
 * @param priority higher runs first: among the jobs waiting, one of a higher priority is started before any of a
 *                 lower one, whatever their order; equal priorities start oldest first. The default is 0.
 */
public record JobOptions(int priority) {

    /** Priority 0. */
    public static final JobOptions DEFAULT = new JobOptions(0);

    public static JobOptions priority(int priority) {
        return new JobOptions(priority);
    }
}
