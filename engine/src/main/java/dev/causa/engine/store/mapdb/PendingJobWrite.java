package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.Ids;

import dev.causa.engine.model.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A job write waiting for the next commit. Several saves of one job within a commit window merge into one:
 * the newest bytes, the state the index last knew, and every caller's future.
 *
 * <p>{@code indexedState} is the state the state index holds for the job before this write (null for a new job);
 * when {@code indexedKnown} is false nobody knew it at hand-over (see {@link IndexedStates}) and the checkpoint
 * reads it from the index.
 */
final class PendingJobWrite {

    final String id;
    /** {@link #id} as the store's key. */
    final long key;
    final byte[] bytes;
    final JobState indexedState;
    final boolean indexedKnown;
    final JobState newState;
    final boolean isNew;
    final String actionType;
    final String actionId;
    final String parentJobId;
    /** {@link #actionId} and {@link #parentJobId} as keys, -1 if absent: parsed by the caller, not the writer. */
    final long actionKey;
    final long parentKey;
    final List<CompletableFuture<Void>> waiters;

    /**
     * @param indexedState the state the job was last handed over in, or null: none (new) or not known (an update)
     */
    PendingJobWrite(JobRecord job, byte[] bytes, boolean isNew, JobState indexedState, CompletableFuture<Void> waiter) {
        this(job.id, bytes, indexedState, isNew || indexedState != null, job.state, isNew, job.actionType,
                job.actionId, job.parentJobId, new ArrayList<>(List.of(waiter)));
    }

    private PendingJobWrite(String id, byte[] bytes, JobState indexedState, boolean indexedKnown, JobState newState,
                            boolean isNew,
                            String actionType, String actionId, String parentJobId,
                            List<CompletableFuture<Void>> waiters) {
        this.id = id;
        this.key = Ids.parse(id);
        this.bytes = bytes;
        this.indexedState = indexedState;
        this.indexedKnown = indexedKnown;
        this.newState = newState;
        this.isNew = isNew;
        this.actionType = actionType;
        this.actionId = actionId;
        this.parentJobId = parentJobId;
        this.actionKey = actionId == null ? -1 : Ids.parse(actionId);
        this.parentKey = parentJobId == null ? -1 : Ids.parse(parentJobId);
        this.waiters = waiters;
    }

    /** A write read back from the journal: nobody waits for it. */
    static PendingJobWrite replayed(String id, byte[] bytes, JobState indexedState, boolean indexedKnown,
                                    JobState newState, boolean isNew, String actionType, String actionId,
                                    String parentJobId) {
        return new PendingJobWrite(id, bytes, indexedState, indexedKnown, newState, isNew, actionType, actionId,
                parentJobId, List.of());
    }

    /** This older write followed by {@code newer}: one write with the newer content. */
    PendingJobWrite then(PendingJobWrite newer) {
        List<CompletableFuture<Void>> all;
        if (newer.waiters.isEmpty()) {
            all = waiters;
        } else if (waiters.isEmpty()) {
            all = newer.waiters;
        } else {
            all = new ArrayList<>(waiters);
            all.addAll(newer.waiters);
        }
        return new PendingJobWrite(id, newer.bytes, indexedState, indexedKnown, newer.newState, isNew, actionType, actionId,
                parentJobId, all);
    }

    /** The same write once committed: nobody waits for it any more. */
    PendingJobWrite settled() {
        return waiters.isEmpty() ? this : new PendingJobWrite(id, bytes, indexedState, indexedKnown, newState, isNew,
                actionType, actionId, parentJobId, List.of());
    }
}
