package dev.causa.engine.store;

/**
 * The right of one node to run one job. {@code token} grows with every claim of the job, so a change made under an
 * older claim is refused even by the same node.
 */
public record Lease(String jobId, String node, long token) {
}
