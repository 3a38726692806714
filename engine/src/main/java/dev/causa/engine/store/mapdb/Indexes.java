package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The secondary indexes of the store file. Jobs by state, by action id and by parent are sets of {@code (code, id)}
 * long pairs; jobs and action runs by action type are {@link IdBlocks}, their types dictionary-coded in
 * {@code type_codes}. Ids are time-ordered, so "newest first" is a descending scan.
 *
 * <p>Completed jobs are most jobs: they are not in the state index, which saves a write per job. Listing them scans
 * newest first, and since recent jobs are mostly completed, a scan with a limit finds them at once.
 */
final class Indexes {

    final IdBlocks byActionType;
    final IdBlocks runsByType;
    final NavigableSet<long[]> byState;
    final NavigableSet<long[]> byAction;
    final NavigableSet<long[]> byParent;
    private final BTreeMap<String, Long> typeCodes;
    /** The codes of action types, as in {@code typeCodes}: read on every index update and every listing. */
    private final ConcurrentHashMap<String, Long> codes = new ConcurrentHashMap<>();
    /** The block-index additions of the apply under way; used by the one thread that writes MapDB. */
    private final IdBatch jobTypeBatch = new IdBatch();
    private final IdBatch runTypeBatch = new IdBatch();

    Indexes(DB db) {
        this.byActionType = new IdBlocks(db, "blocks_job_action_type");
        this.byState = pairs(db, "idx_job_state");
        this.byAction = pairs(db, "idx_job_action");
        this.byParent = pairs(db, "idx_job_parent");
        this.runsByType = new IdBlocks(db, "blocks_action_type");
        this.typeCodes = db.treeMap("type_codes", Serializer.STRING, Serializer.LONG).createOrOpen();
    }

    static NavigableSet<long[]> pairs(DB db, String name) {
        return db.treeSet(name, LongPairs.INSTANCE).createOrOpen();
    }

    /** Whether jobs in {@code state} are in the state index: every state but completed. */
    static boolean indexed(JobState state) {
        return state != null && state != JobState.COMPLETED;
    }

    // ---- writes: by the one thread that writes MapDB --------------------------------------------------------------

    /** Moves a job's index entries as its write calls for; the block entries wait for {@link #writeBlocks}. */
    void add(PendingJobWrite write) {
        long id = write.key;
        if (write.isNew) {
            if (write.actionType != null) jobTypeBatch.add(typeCode(write.actionType), id);
            // the jobs an action dispatched are listed in its record; the index holds those spawned later
            if (write.actionId != null && write.parentJobId != null) byAction.add(LongPairs.of(write.actionKey, id));
            if (write.parentJobId != null) byParent.add(LongPairs.of(write.parentKey, id));
        }
        // the state the index holds is known from the hand-over, except for a job that had ended (a retry): the
        // index itself says then, read here, once per checkpoint, rather than on the caller's path
        JobState before = write.indexedKnown ? write.indexedState : stateOf(id);
        if (before != write.newState) {
            if (indexed(before)) byState.remove(LongPairs.of(before.ordinal(), id));
            if (indexed(write.newState)) byState.add(LongPairs.of(write.newState.ordinal(), id));
        }
    }

    void add(PendingAction action) {
        if (action.isNew()) runTypeBatch.add(typeCode(action.actionType()), Ids.parse(action.id()));
    }

    /** Writes what {@link #add} gathered for the block indexes: a block per type rather than an insert per id. */
    void writeBlocks() {
        jobTypeBatch.writeTo(byActionType);
        runTypeBatch.writeTo(runsByType);
    }

    /** The state the state index holds the job under; null if none (completed, or not stored). */
    JobState stateOf(long id) {
        for (JobState state : JobState.values()) {
            if (indexed(state) && byState.contains(LongPairs.of(state.ordinal(), id))) return state;
        }
        return null;
    }

    /** The code of an action type, assigned on first use (by the one thread that writes MapDB). */
    private long typeCode(String actionType) {
        Long code = codeOf(actionType);
        if (code == null) {
            code = (long) typeCodes.size() + 1;
            typeCodes.put(actionType, code);
            codes.put(actionType, code);
        }
        return code;
    }

    /** The code of an action type, or null if none was assigned. */
    Long codeOf(String actionType) {
        Long code = codes.get(actionType);
        if (code == null) {
            code = typeCodes.get(actionType);
            if (code != null) codes.put(actionType, code);
        }
        return code;
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    /** Ids indexed under {@code code} below {@code below}, newest first. */
    static Iterator<Long> newestFirst(NavigableSet<long[]> index, long code, long below) {
        return index.subSet(LongPairs.of(code, 0), true, LongPairs.of(code, below), false)
                .descendingSet().stream().map(p -> p[1]).iterator();
    }

    /** Ids of jobs in {@code state}, below {@code below}, newest first. */
    Iterator<Long> inState(JobState state, long below) {
        return newestFirst(byState, state.ordinal(), below);
    }

    /** Ids under an action type in a block index, newest first. */
    Iterator<Long> ofType(IdBlocks index, String actionType) {
        Long code = codeOf(actionType);
        return code == null ? Collections.emptyIterator() : index.newestFirst(code);
    }

    long countInState(JobState state) {
        return byState.subSet(LongPairs.of(state.ordinal(), 0), true, LongPairs.of(state.ordinal(), Long.MAX_VALUE),
                true).size();
    }

    /** Answers, for a store check, whether each job is in the indexes its fields call for. */
    Check check(Function<String, Set<String>> dispatchedBy) {
        return new Check(dispatchedBy);
    }

    /** One store check: the ids under each type and recent action records are read once, not per job. */
    final class Check {
        private final Map<Long, long[]> typedIds = new HashMap<>();
        private final Function<String, Set<String>> dispatchedBy;
        /** The job ids recent action records list: jobs come in id order, runs repeat. */
        private final Map<String, Set<String>> dispatched = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                return size() > 16;
            }
        };

        private Check(Function<String, Set<String>> dispatchedBy) {
            this.dispatchedBy = dispatchedBy;
        }

        boolean indexedCorrectly(long id, JobRecord job) {
            Long code = job.actionType == null ? null : codeOf(job.actionType);
            boolean type = job.actionType == null || (code != null
                    && Arrays.binarySearch(typedIds.computeIfAbsent(code, byActionType::all), id) >= 0);
            boolean action = job.actionId == null || byAction.contains(LongPairs.of(Ids.parse(job.actionId), id))
                    || job.parentJobId == null
                    && dispatched.computeIfAbsent(job.actionId, dispatchedBy).contains(job.id);
            boolean state = !indexed(job.state) || byState.contains(LongPairs.of(job.state.ordinal(), id));
            return type && action && state;
        }
    }

    /**
     * What one checkpoint (or one journal replay) adds to a block index, gathered per code and written at its
     * end: a block per code rather than an insert per id.
     */
    static final class IdBatch {
        private final Map<Long, LongStream.Builder> ids = new HashMap<>();

        void add(long code, long id) {
            ids.computeIfAbsent(code, c -> LongStream.builder()).add(id);
        }

        void writeTo(IdBlocks blocks) {
            ids.forEach((code, held) -> blocks.add(code, held.build().toArray()));
            ids.clear();
        }
    }
}
