package dev.causa.engine.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An action record waiting for the next group commit, with the jobs that must be committed with it;
 * {@code waiter} is null when replayed from the journal.
 */
record PendingAction(String id, String actionType, byte[] bytes, boolean isNew, List<PendingJobWrite> jobs,
                     CompletableFuture<Void> waiter) {
}
