package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Page;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.mapdb.BTreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and listings. Every read takes the overlay layers once and looks there before MapDB: a record in an overlay
 * is newer than MapDB's. Listings merge the overlays' ids with the index's, newest first; an id both hold is read
 * once, from the overlay, and the query's own test then decides (an index entry MapDB still has for an older state
 * is dropped there). A page ends at its last id: the next one starts strictly below it.
 */
final class Queries {

    private static final Logger log = LoggerFactory.getLogger(Queries.class);
    /** How many of the newest jobs a partial id is looked for at the end of. */
    private static final int SUFFIX_SCAN = 10_000;

    private final MapDbFile file;
    private final Indexes indexes;
    private final Checkpointer checkpointer;

    Queries(MapDbFile file, Checkpointer checkpointer) {
        this.file = file;
        this.indexes = file.indexes;
        this.checkpointer = checkpointer;
    }

    Optional<JobRecord> job(String id) {
        long key = Ids.parse(id);
        return Optional.ofNullable(decodeJob(key, jobBytes(checkpointer.layers(), key)));
    }

    Optional<ActionRecord> action(String id) {
        byte[] bytes = actionBytes(checkpointer.layers(), Ids.parse(id));
        return bytes == null ? Optional.empty() : Optional.of(RecordCodec.decode(bytes, ActionRecord.class));
    }

    private byte[] jobBytes(Overlay.Layers view, long id) {
        PendingJobWrite held = view.job(id);
        return held != null ? held.bytes : file.jobs.get(id);
    }

    private byte[] actionBytes(Overlay.Layers view, long id) {
        PendingAction held = view.action(id);
        return held != null ? held.bytes() : file.actions.get(id);
    }

    /**
     * The job, or null if absent or unreadable. A record can be unreadable only if a commit failed half-way (a
     * full disk): it was never acknowledged, so listings pass over it; {@code store check} counts it and
     * {@code store repair} drops it.
     */
    private static JobRecord decodeJob(long id, byte[] bytes) {
        if (bytes == null) return null;
        try {
            return RecordCodec.decode(bytes, JobRecord.class);
        } catch (UncheckedIOException unreadable) {
            log.warn("job record {} is unreadable and is passed over (run causa store check)", Ids.text(id));
            return null;
        }
    }

    // ---- listings ---------------------------------------------------------------------------------------------------

    /**
     * Jobs by the most selective index. Who initiated the jobs' action is not indexed: the listing filters on it
     * while it scans newest first (the action-type or full scan), which stops at the page's limit.
     */
    Page<JobRecord> jobs(JobQuery query) {
        Overlay.Layers view = checkpointer.layers();
        long below = cursor(query.cursor());
        Iterator<Long> ids;
        if (query.actionId() != null) {
            long action = Ids.parse(query.actionId());
            ids = Overlay.newestFirst(List.of(below(dispatchedBy(view, action), below),
                    Indexes.newestFirst(indexes.byAction, action, below)));
        } else if (query.parentJobId() != null) {
            ids = Indexes.newestFirst(indexes.byParent, Ids.parse(query.parentJobId()), below);
        } else if (query.actionType() != null) {
            ids = below(indexes.ofType(indexes.byActionType, query.actionType()), below);
        } else if (Indexes.indexed(query.state())) {
            ids = indexes.inState(query.state(), below);
        } else {
            ids = file.jobs.headMap(below, false).descendingKeySet().iterator();
        }
        Iterator<Long> held = view.jobIds(w -> w.key < below
                && query.matches(w.actionType, w.newState, w.actionId, w.parentJobId));
        return page(view, Overlay.newestFirst(List.of(held, ids)), query::matches, query.limit());
    }

    /** The same query answered by reading every job: the baseline the indexes are measured against. */
    List<JobRecord> jobsByFullScan(JobQuery query) {
        Overlay.Layers view = checkpointer.layers();
        Iterator<Long> all = below(allJobIds(view), cursor(query.cursor()));
        return page(view, all, query::matches, query.limit()).items();
    }

    private Page<JobRecord> page(Overlay.Layers view, Iterator<Long> ids, Predicate<JobRecord> filter, int limit) {
        List<JobRecord> out = new ArrayList<>();
        long last = 0;
        while (ids.hasNext() && (limit <= 0 || out.size() < limit)) {
            long id = ids.next();
            JobRecord job = decodeJob(id, jobBytes(view, id));
            if (job != null && filter.test(job)) {
                out.add(job);
                last = id;
            }
        }
        return new Page<>(out, limit > 0 && out.size() == limit && ids.hasNext() ? Ids.text(last) : null);
    }

    Page<ActionRecord> actions(ActionQuery query) {
        Overlay.Layers view = checkpointer.layers();
        long below = cursor(query.cursor());
        String type = query.actionType();
        Iterator<Long> stored = type == null ? file.actions.headMap(below, false).descendingKeySet().iterator()
                : below(indexes.ofType(indexes.runsByType, type), below);
        Iterator<Long> ids = Overlay.newestFirst(List.of(
                view.actionIds(a -> Ids.parse(a.id()) < below && (type == null || type.equals(a.actionType()))),
                stored));
        List<ActionRecord> out = new ArrayList<>();
        long last = 0;
        int limit = query.limit();
        while (ids.hasNext() && (limit <= 0 || out.size() < limit)) {
            long id = ids.next();
            byte[] bytes = actionBytes(view, id);
            if (bytes == null) continue;
            ActionRecord action = RecordCodec.decode(bytes, ActionRecord.class);
            // who initiated a run is not indexed: filtered while scanning newest first
            if (query.initiatedBy() == null || query.initiatedBy().equals(action.initiatedBy)) {
                out.add(action);
                last = id;
            }
        }
        return new Page<>(out, limit > 0 && out.size() == limit && ids.hasNext() ? Ids.text(last) : null);
    }

    /** The id a page's cursor names: the next page lists what is older. */
    private static long cursor(String cursor) {
        if (cursor == null) return Long.MAX_VALUE;
        long id = Ids.parse(cursor);
        if (id < 0) throw new IllegalArgumentException("not a page cursor: " + cursor);
        return id;
    }

    /** The ids of {@code newestFirst} below {@code below}. */
    private static Iterator<Long> below(Iterator<Long> newestFirst, long below) {
        if (below == Long.MAX_VALUE) return newestFirst;
        return new Iterator<>() {
            private long next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && newestFirst.hasNext()) {
                    next = newestFirst.next();
                    ready = next < below;
                }
                return ready;
            }

            @Override
            public Long next() {
                if (!hasNext()) throw new NoSuchElementException();
                ready = false;
                return next;
            }
        };
    }

    /** The ids of the jobs an action run dispatched itself, from its record, newest first. */
    private Iterator<Long> dispatchedBy(Overlay.Layers view, long actionId) {
        byte[] bytes = actionBytes(view, actionId);
        if (bytes == null) return Collections.emptyIterator();
        List<String> dispatched = RecordCodec.decode(bytes, ActionRecord.class).jobIds;
        long[] ids = new long[dispatched == null ? 0 : dispatched.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = Ids.parse(dispatched.get(i));
        Arrays.sort(ids);
        return LongStream.range(0, ids.length).map(i -> ids[ids.length - 1 - (int) i]).iterator();
    }

    /** Every job id, newest first, overlays included. */
    private Iterator<Long> allJobIds(Overlay.Layers view) {
        return Overlay.newestFirst(List.of(view.jobIds(w -> true), file.jobs.descendingKeySet().iterator()));
    }

    // ---- ids ----------------------------------------------------------------------------------------------------

    /** Ids starting with {@code partial}; if none and it has four characters or more, recent ids ending with it. */
    List<String> jobIdsMatching(String partial, int limit) {
        List<String> byPrefix = idsStartingWith(true, file.jobs, partial, limit);
        if (!byPrefix.isEmpty() || partial.length() < 4) return byPrefix;
        String wanted = partial.toUpperCase();
        List<String> out = new ArrayList<>();
        int seen = 0;
        for (Iterator<Long> ids = allJobIds(checkpointer.layers()); ids.hasNext(); ) {
            long id = ids.next();
            if (++seen > SUFFIX_SCAN || out.size() >= limit) break;
            String text = Ids.text(id);
            if (text.endsWith(wanted)) out.add(text);
        }
        return out;
    }

    List<String> actionIdsStartingWith(String prefix, int limit) {
        return idsStartingWith(false, file.actions, prefix, limit);
    }

    private List<String> idsStartingWith(boolean ofJobs, BTreeMap<Long, byte[]> map, String prefix, int limit) {
        long[] range = Ids.range(prefix);
        if (range == null) return List.of();
        Iterator<Long> ids = Overlay.newestFirst(List.of(checkpointer.layers().range(ofJobs, range[0], range[1]),
                map.subMap(range[0], true, range[1], true).descendingKeySet().iterator()));
        List<String> out = new ArrayList<>();
        while (ids.hasNext() && out.size() < limit) out.add(Ids.text(ids.next()));
        return out;
    }

    // ---- counts -------------------------------------------------------------------------------------------------

    /** Waits for a checkpoint that is half-way into MapDB: counts read MapDB as a checkpoint left it. */
    Map<JobState, Long> countByState() {
        checkpointer.applying.readLock().lock();
        try {
            return countByState(checkpointer.layers());
        } finally {
            checkpointer.applying.readLock().unlock();
        }
    }

    private Map<JobState, Long> countByState(Overlay.Layers view) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        long indexedTotal = 0;
        for (JobState state : JobState.values()) {
            if (!Indexes.indexed(state)) continue;
            long n = indexes.countInState(state);
            counts.put(state, n);
            indexedTotal += n;
        }
        counts.put(JobState.COMPLETED, file.jobs.sizeLong() - indexedTotal);
        // the overlays move jobs between states (or add them): from the state MapDB has to the newest one
        for (Iterator<Long> ids = view.jobIds(w -> true); ids.hasNext(); ) {
            long id = ids.next();
            PendingJobWrite newest = view.job(id);
            PendingJobWrite first = view.frozen() == null ? null : view.frozen().jobs.get(id);
            if (first == null) first = newest;
            JobState before = first.isNew ? null : first.indexedKnown ? first.indexedState : storedState(id);
            if (before != null) counts.merge(before, -1L, Long::sum);
            counts.merge(newest.newState, 1L, Long::sum);
        }
        return counts;
    }

    /** The state MapDB counts a stored job in: its state index entry, or completed if it has none. */
    private JobState storedState(long id) {
        JobState indexed = indexes.stateOf(id);
        return indexed != null ? indexed : file.jobs.containsKey(id) ? JobState.COMPLETED : null;
    }
}
