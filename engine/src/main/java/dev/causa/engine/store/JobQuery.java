package dev.causa.engine.store;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;

/**
 * Which jobs to list, newest first (DESIGN §7). Null filters match everything.
 *
 * @param initiatedBy who started the jobs' action ({@code repl:alice}, {@code schedule:nightly})
 * @param cursor      a page's {@code next}: only jobs older than the previous page's last; null for the newest
 * @param limit       at most this many (0 or less: no limit)
 */
public record JobQuery(String actionType, JobState state, String actionId, String parentJobId, String initiatedBy,
                       String cursor, int limit) {

    public JobQuery(String actionType, JobState state, String actionId, String parentJobId, int limit) {
        this(actionType, state, actionId, parentJobId, null, null, limit);
    }

    public static JobQuery all(int limit) {
        return new JobQuery(null, null, null, null, limit);
    }

    public static JobQuery ofAction(String actionId) {
        return new JobQuery(null, null, actionId, null, 0);
    }

    public static JobQuery inState(JobState state) {
        return new JobQuery(null, state, null, null, 0);
    }

    public JobQuery withCursor(String next) {
        return new JobQuery(actionType, state, actionId, parentJobId, initiatedBy, next, limit);
    }

    /** Whether {@code job} passes every filter (the cursor aside). */
    public boolean matches(JobRecord job) {
        return matches(job.actionType, job.state, job.actionId, job.parentJobId)
                && (initiatedBy == null || job.actionContext != null
                        && initiatedBy.equals(job.actionContext.initiatedBy()));
    }

    /** The test on the fields the indexes hold. */
    public boolean matches(String jobActionType, JobState jobState, String jobActionId, String jobParentId) {
        return (actionType == null || actionType.equals(jobActionType))
                && (state == null || state == jobState)
                && (actionId == null || actionId.equals(jobActionId))
                && (parentJobId == null || parentJobId.equals(jobParentId));
    }
}
