package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.JobState;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state each unfinished job was last handed over in: the state the state index holds (or will hold once the
 * checkpoints under way are applied). A write carries it so that the checkpoint can move the job's index entry
 * without reading the record it replaces. Filled on insert and, on open, from the state index; a job leaves once
 * it ends, so the map holds only live work. A job that is not here when it changes again (a failed job retried, a
 * job from a store written before this map) carries no state, and the checkpoint asks the index.
 */
final class IndexedStates {

    private final ConcurrentHashMap<Long, JobState> unfinished = new ConcurrentHashMap<>();

    /** The unfinished jobs MapDB's state index holds: called on open, after the journals were replayed. */
    void load(Indexes indexes) {
        for (JobState state : JobState.values()) {
            if (state.isFinished()) continue;
            for (Iterator<Long> ids = indexes.inState(state, Long.MAX_VALUE); ids.hasNext(); ) {
                unfinished.put(ids.next(), state);
            }
        }
    }

    /**
     * Records the hand-over of a job in {@code state} (under the job's monitor, in the order of its writes) and
     * returns the state it was handed over in before, or null if not known here.
     */
    JobState handOver(long id, JobState state) {
        return state == null || state.isFinished() ? unfinished.remove(id) : unfinished.put(id, state);
    }

    /** Forgets a job whose write was refused: its next write lets the checkpoint ask the index. */
    void forget(long id) {
        unfinished.remove(id);
    }
}
