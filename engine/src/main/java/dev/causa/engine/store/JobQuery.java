package dev.causa.engine.store;

import dev.causa.engine.model.JobRecord;

import dev.causa.engine.model.JobState;

/**
 * Which jobs to list, newest first. Null filters match everything.
 *
 * @param limit at most this many (0 or less: no limit)
 */
public record JobQuery(String actionType, JobState state, String actionId, String parentJobId, int limit) {

    public static JobQuery all(int limit) {
        return new JobQuery(null, null, null, null, limit);
    }

    public static JobQuery ofAction(String actionId) {
        return new JobQuery(null, null, actionId, null, 0);
    }

    public static JobQuery inState(JobState state) {
        return new JobQuery(null, state, null, null, 0);
    }

    boolean matches(JobRecord job) {
        return matches(job.actionType, job.state, job.actionId, job.parentJobId);
    }

    /** The test on the fields the indexes hold. */
    boolean matches(String jobActionType, JobState jobState, String jobActionId, String jobParentId) {
        return (actionType == null || actionType.equals(jobActionType))
                && (state == null || state == jobState)
                && (actionId == null || actionId.equals(jobActionId))
                && (parentJobId == null || parentJobId.equals(jobParentId));
    }
}
