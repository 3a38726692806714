package dev.causa.engine.store.mapdb;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An action record waiting for the next group commit, with the jobs that must be committed with it;
 * {@code waiter} is null when replayed from the journal.
 */
record PendingAction(String id, String actionType, byte[] bytes, boolean isNew, List<PendingJobWrite> jobs,
                     CompletableFuture<Void> waiter) {

    /** The action record alone, once committed: its jobs are held apart and nobody waits for it any more. */
    PendingAction settled() {
        return jobs.isEmpty() && waiter == null ? this : new PendingAction(id, actionType, bytes, isNew, List.of(), null);
    }

    /** This older version followed by {@code newer}: the newer record, new to the store if this one was. */
    PendingAction then(PendingAction newer) {
        return new PendingAction(id, actionType, newer.bytes, isNew || newer.isNew, List.of(), null);
    }
}
