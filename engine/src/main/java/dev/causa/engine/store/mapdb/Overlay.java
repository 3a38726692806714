package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.Ids;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * Changes that are durable in the journal but not yet in MapDB: the newest version of each job and action record
 * written since a checkpoint began. The store writer adds to the current overlay after each journal sync; a
 * checkpoint freezes it and applies it to MapDB in one commit, so a job queued and completed within one checkpoint
 * window reaches MapDB once, in its final state, and its passing index entries (queued) never do.
 *
 * <p>Readers look here before MapDB. Entries carry what the indexes need (type, state, action, parent) and the
 * state MapDB indexed before the overlay's first write of the job, so the checkpoint can move index entries.
 */
final class Overlay {

    final ConcurrentSkipListMap<Long, PendingJobWrite> jobs = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, PendingAction> actions = new ConcurrentSkipListMap<>();
    /** Bytes of the records held now (a record saved again counts once, at its newest size); writer only. */
    private volatile long bytes;

    // Only the store writer adds, so reading the held version before merging is not racy.

    void add(PendingJobWrite write) {
        PendingJobWrite older = jobs.get(write.key);
        jobs.merge(write.key, write.settled(), PendingJobWrite::then);
        bytes += write.bytes.length - (older == null ? 0 : older.bytes.length);
    }

    void add(PendingAction action) {
        long key = Ids.parse(action.id());
        PendingAction older = actions.get(key);
        actions.merge(key, action.settled(), PendingAction::then);
        bytes += action.bytes().length - (older == null ? 0 : older.bytes().length);
        action.jobs().forEach(this::add);
    }

    boolean isEmpty() {
        return jobs.isEmpty() && actions.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    /**
     * The overlays a reader consults, newest first: the one the writer adds to and, while a checkpoint applies it,
     * the frozen one. Swapped as a whole, so a reader sees a consistent pair.
     */
    record Layers(Overlay current, Overlay frozen) {

        PendingJobWrite job(long id) {
            PendingJobWrite w = current.jobs.get(id);
            return w != null || frozen == null ? w : frozen.jobs.get(id);
        }

        PendingAction action(long id) {
            PendingAction a = current.actions.get(id);
            return a != null || frozen == null ? a : frozen.actions.get(id);
        }

        /**
         * Ids of held jobs that one of their held versions lets pass {@code filter}, newest first, each once: a
         * superset, since a frozen version may pass where the current one does not; callers test the newest
         * version again. (Dropping frozen ids that the current layer holds would race with the writer: an id
         * added to the current layer after that layer's iterator passed it would be in neither.)
         */
        Iterator<Long> jobIds(Predicate<PendingJobWrite> filter) {
            List<Iterator<Long>> sources = new ArrayList<>(2);
            sources.add(keys(current.jobs, filter));
            if (frozen != null) sources.add(keys(frozen.jobs, filter));
            return newestFirst(sources);
        }

        /** Ids of held action records, as {@link #jobIds}: a superset, each once, newest first. */
        Iterator<Long> actionIds(Predicate<PendingAction> filter) {
            List<Iterator<Long>> sources = new ArrayList<>(2);
            sources.add(keys(current.actions, filter));
            if (frozen != null) sources.add(keys(frozen.actions, filter));
            return newestFirst(sources);
        }

        /** Held ids in {@code [from, to]}, of jobs or of actions, newest first. */
        Iterator<Long> range(boolean ofJobs, long from, long to) {
            List<Iterator<Long>> sources = new ArrayList<>(2);
            sources.add((ofJobs ? current.jobs : current.actions).subMap(from, true, to, true).descendingKeySet().iterator());
            if (frozen != null) {
                sources.add((ofJobs ? frozen.jobs : frozen.actions).subMap(from, true, to, true).descendingKeySet().iterator());
            }
            return newestFirst(sources);
        }

        private static <V> Iterator<Long> keys(ConcurrentSkipListMap<Long, V> map, Predicate<V> filter) {
            return map.descendingMap().entrySet().stream().filter(e -> filter.test(e.getValue()))
                    .map(java.util.Map.Entry::getKey).iterator();
        }
    }

    /**
     * Merges iterators of ids that each run newest first (descending) into one, each id once: how a listing reads
     * the overlays and MapDB's indexes as one.
     */
    static Iterator<Long> newestFirst(List<Iterator<Long>> sources) {
        if (sources.size() == 1) return sources.getFirst();
        return new Iterator<>() {
            private final long[] heads = new long[sources.size()];
            private final boolean[] present = new boolean[sources.size()];

            {
                for (int i = 0; i < heads.length; i++) advance(i);
            }

            private void advance(int i) {
                Iterator<Long> source = sources.get(i);
                present[i] = source.hasNext();
                if (present[i]) heads[i] = source.next();
            }

            @Override
            public boolean hasNext() {
                for (boolean p : present) if (p) return true;
                return false;
            }

            @Override
            public Long next() {
                long max = Long.MIN_VALUE;
                boolean any = false;
                for (int i = 0; i < heads.length; i++) {
                    if (present[i] && (!any || heads[i] > max)) {
                        max = heads[i];
                        any = true;
                    }
                }
                if (!any) throw new NoSuchElementException();
                for (int i = 0; i < heads.length; i++) {
                    if (present[i] && heads[i] == max) advance(i);
                }
                return max;
            }
        };
    }
}
