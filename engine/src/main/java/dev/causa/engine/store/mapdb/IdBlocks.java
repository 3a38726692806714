package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.Ids;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * A secondary index that only grows and has few keys with many ids each: jobs and action runs by action type.
 * The ids a checkpoint adds under one code go into MapDB as one block (a sorted {@code long[]}, keyed by
 * {@code (code, newest id)}) instead of one B-tree insert per id: a checkpoint of 30,000 jobs of one type writes
 * a handful of blocks. Reading newest first walks the blocks from the newest key down.
 *
 * <p>Blocks of one code may overlap a little (a job dispatched just before a checkpoint may reach only the next
 * one), so the reader merges them; an id written twice (a journal replayed after a crash) comes out once.
 */
final class IdBlocks {

    /** Ids per block at most, so that reading the newest few ids never decodes a huge block. */
    static final int MAX_BLOCK = 4_096;

    private final BTreeMap<long[], long[]> blocks;

    IdBlocks(DB db, String name) {
        this.blocks = db.treeMap(name, LongPairs.INSTANCE, Serializer.LONG_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
    }

    /** Adds {@code ids} (any order) under {@code code}. Called by the one thread that writes MapDB. */
    void add(long code, long[] ids) {
        if (ids.length == 0) return;
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        // A quiet store checkpoints a few jobs at a time: top up the newest block of the code while it has room,
        // rather than leave a block per checkpoint (listings would read one record per job again).
        Map.Entry<long[], long[]> newest = blocks.floorEntry(LongPairs.of(code, Long.MAX_VALUE));
        if (newest != null && newest.getKey()[0] == code && newest.getValue().length + sorted.length <= MAX_BLOCK) {
            blocks.remove(newest.getKey());
            sorted = union(newest.getValue(), sorted);
        }
        for (int from = 0; from < sorted.length; from += MAX_BLOCK) {
            long[] block = Arrays.copyOfRange(sorted, from, Math.min(sorted.length, from + MAX_BLOCK));
            long[] key = LongPairs.of(code, block[block.length - 1]);
            long[] existing = blocks.get(key);
            // the same newest id twice means the same writes replayed: merge rather than lose either block
            blocks.put(key, existing == null ? block : union(existing, block));
        }
    }

    private static long[] union(long[] a, long[] b) {
        return java.util.stream.LongStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
    }

    /** Every id under {@code code}, sorted: for checks that ask about many ids (a store check asks about each). */
    long[] all(long code) {
        java.util.stream.LongStream.Builder out = java.util.stream.LongStream.builder();
        newestFirst(code).forEachRemaining(out::add);
        long[] ids = out.build().toArray();
        Arrays.sort(ids);
        return ids;
    }

    int blockCount() {
        return blocks.size();
    }

    /** The ids under {@code code}, newest first, each once. */
    Iterator<Long> newestFirst(long code) {
        Iterator<long[]> newestBlocks = blocks.subMap(LongPairs.of(code, 0), true, LongPairs.of(code, Long.MAX_VALUE),
                true).descendingMap().values().iterator();
        return new Merged(newestBlocks);
    }

    /**
     * Walks blocks newest first, holding those whose ranges overlap in a heap: an id is given out only when no block
     * not yet read can hold a newer one (a block's key is its newest id).
     */
    private final class Merged implements Iterator<Long> {

        private final Iterator<long[]> newestBlocks;
        private final PriorityQueue<Cursor> open = new PriorityQueue<>((a, b) -> Long.compare(b.head(), a.head()));
        private long[] pending;
        private long last = -1;
        private long next;
        private boolean ready;

        Merged(Iterator<long[]> newestBlocks) {
            this.newestBlocks = newestBlocks;
            this.pending = newestBlocks.hasNext() ? newestBlocks.next() : null;
        }

        @Override
        public boolean hasNext() {
            while (!ready) {
                // open every block that may hold an id newer than the best one open now
                while (pending != null && (open.isEmpty() || pending[pending.length - 1] >= open.peek().head())) {
                    open.add(new Cursor(pending));
                    pending = newestBlocks.hasNext() ? newestBlocks.next() : null;
                }
                if (open.isEmpty()) return false;
                Cursor top = open.poll();
                long id = top.head();
                if (top.advance()) open.add(top);
                if (id != last) {
                    last = id;
                    next = id;
                    ready = true;
                }
            }
            return true;
        }

        @Override
        public Long next() {
            if (!hasNext()) throw new NoSuchElementException();
            ready = false;
            return next;
        }
    }

    /** A position in one block, moving from its newest id down. */
    private static final class Cursor {
        private final long[] ids;
        private int at;

        Cursor(long[] ids) {
            this.ids = ids;
            this.at = ids.length - 1;
        }

        long head() {
            return ids[at];
        }

        boolean advance() {
            return --at >= 0;
        }
    }
}
