package dev.causa.engine.store.local;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.Claim;
import dev.causa.engine.store.Lease;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.WorkQueue;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The work queue of a backend that one process at a time opens (MapDB): claimable jobs are kept in memory, fed by
 * the backend's writes ({@link #feeding}), and leases live and die with the process, so every job an earlier process
 * left running is claimable again on open ({@link #recover}).
 */
public final class LocalWorkQueue implements WorkQueue {

    private final RecordStore records;

    /** @param records the backend's own record store, which stores the changes made under leases */
    public LocalWorkQueue(RecordStore records) {
        this.records = records;
    }

    /** {@code records} with every write also telling this queue of jobs that became claimable. */
    public RecordStore feeding(RecordStore records) {
        throw new UnsupportedOperationException("work in progress");
    }

    /** Finds the work an earlier process left: queued jobs, jobs it left running, jobs paused by its exit. */
    public void recover() {
        throw new UnsupportedOperationException("work in progress");
    }

    @Override
    public List<Claim> claim(String node, int max, Predicate<String> canRun, Map<String, Integer> limits,
                             Duration lease) {
        throw new UnsupportedOperationException("work in progress");
    }

    @Override
    public List<String> renew(String node, Collection<String> jobIds, Duration lease) {
        throw new UnsupportedOperationException("work in progress");
    }

    @Override
    public CompletableFuture<Void> release(Lease lease, JobRecord job) {
        throw new UnsupportedOperationException("work in progress");
    }

    @Override
    public CompletableFuture<Void> update(Lease lease, JobRecord job) {
        throw new UnsupportedOperationException("work in progress");
    }

    @Override
    public void onWork(Runnable wake) {
        throw new UnsupportedOperationException("work in progress");
    }
}
