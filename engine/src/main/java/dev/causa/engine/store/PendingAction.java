package dev.causa.engine.store;

import java.util.concurrent.CompletableFuture;

/** An action record waiting for the next group commit; {@code waiter} is null when replayed from the journal. */
record PendingAction(String id, String actionType, byte[] bytes, boolean isNew, CompletableFuture<Void> waiter) {
}
