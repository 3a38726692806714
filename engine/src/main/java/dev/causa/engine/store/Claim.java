package dev.causa.engine.store;

import dev.causa.engine.model.JobRecord;

/**
 * A claimed job and the lease that lets this node run it.
 *
 * @param expiredFrom the node whose lease expired, when the job was taken over from a lost node; else null
 */
public record Claim(JobRecord job, Lease lease, String expiredFrom) {
}
