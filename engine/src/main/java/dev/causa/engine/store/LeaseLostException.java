package dev.causa.engine.store;

/** A change under a lease that this node no longer holds: another node has (or may have) taken the job over. */
public final class LeaseLostException extends StoreException {

    public LeaseLostException(Lease lease) {
        super("job " + lease.jobId() + " is no longer leased to node " + lease.node());
    }
}
