package dev.causa.engine.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;

class IdBlocksTest {

    @TempDir
    Path dir;

    private static List<Long> all(Iterator<Long> ids) {
        List<Long> out = new ArrayList<>();
        ids.forEachRemaining(out::add);
        return out;
    }

    @Test
    void overlappingRepeatedAndLargeBlocksReadNewestFirstEachIdOnce() {
        try (DB db = DBMaker.fileDB(dir.resolve("b.db").toFile()).transactionEnable().make()) {
            IdBlocks blocks = new IdBlocks(db, "b");
            Random random = new Random(7);
            TreeSet<Long> expected = new TreeSet<>();
            long base = 1_000_000;
            for (int checkpoint = 0; checkpoint < 40; checkpoint++) {
                // each checkpoint adds ids mostly newer than the last, some a little older (overlap), a few again
                int n = checkpoint == 20 ? 3 * IdBlocks.MAX_BLOCK + 5 : random.nextInt(50) + 1;
                long[] ids = new long[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = i % 17 == 0 && !expected.isEmpty() ? expected.last() - random.nextInt(3)
                            : base + random.nextInt(40);
                    base += 3;
                }
                for (long id : ids) expected.add(id);
                blocks.add(5, ids);
                blocks.add(6, new long[]{ids[0]});
            }
            db.commit();
            assertThat(all(blocks.newestFirst(5))).isEqualTo(new ArrayList<>(expected.descendingSet()));
            assertThat(all(blocks.newestFirst(4))).isEmpty();
            assertThat(blocks.all(5)).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
            List<Long> six = all(blocks.newestFirst(6));
            assertThat(six).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        }
    }

    @Test
    void aQuietStoreStillKeepsFewBlocks() {
        try (DB db = DBMaker.fileDB(dir.resolve("q.db").toFile()).transactionEnable().make()) {
            IdBlocks blocks = new IdBlocks(db, "q");
            List<Long> added = new ArrayList<>();
            for (long id = 1; id <= 3 * IdBlocks.MAX_BLOCK; id += 2) { // two jobs a checkpoint
                blocks.add(9, new long[]{id, id + 1});
                added.add(id);
                added.add(id + 1);
            }
            assertThat(blocks.blockCount()).isEqualTo(3);
            assertThat(all(blocks.newestFirst(9))).isEqualTo(added.reversed());
        }
    }
}
