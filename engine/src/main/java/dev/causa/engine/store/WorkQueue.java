package dev.causa.engine.store;

import dev.causa.engine.model.JobRecord;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Work for the nodes on a store (DESIGN §10). A job is <em>claimable</em> while it is queued and due
 * ({@code next_run_at} passed), paused with a pending resume, or held by a lease that has expired (its node is gone:
 * it resumes from its last checkpoint). A claim leases the job to one node; only the holder of the lease may
 * complete, fail or release it, so a node that lost its lease can never end a job another node has taken over.
 */
public interface WorkQueue {

    /**
     * Claims up to {@code max} claimable jobs, highest priority first, oldest first within a priority.
     *
     * @param canRun which job types this node can run; others are left for nodes that can
     * @param limits the most jobs of a type that may hold leases at once, across every node (absent: no limit)
     */
    List<Claim> claim(String node, int max, Predicate<String> canRun, Map<String, Integer> limits, Duration lease);

    /** Extends the leases this node holds on {@code jobIds}; returns the ids whose lease it no longer holds. */
    List<String> renew(String node, Collection<String> jobIds, Duration lease);

    /**
     * Stores the job's change and ends the lease, if the lease is still held: a finished job, a job paused or
     * queued again. Completes exceptionally with {@link LeaseLostException} otherwise, and nothing is stored.
     */
    CompletableFuture<Void> release(Lease lease, JobRecord job);

    /**
     * Stores a change of a job under a lease (progress, a checkpoint) and keeps the lease; fails with
     * {@link LeaseLostException} like {@link #release} when the lease is lost.
     */
    CompletableFuture<Void> update(Lease lease, JobRecord job);

    /**
     * The node that holds a live lease on the job now (claimed and not expired), if any: a running job with none
     * has lost its node, one with a live lease is run by that node (perhaps another process on a shared store).
     */
    java.util.Optional<String> leaseHolder(String jobId);

    /** Asks for {@code wake} to run whenever new work may be claimable (a job queued, a lease expired). */
    void onWork(Runnable wake);
}
