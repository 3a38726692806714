package dev.causa.bench.figure;

import dev.causa.bench.Result;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.mapdb.MapDbRecords;
import java.nio.file.Path;
import java.util.Map;

/**
 * The durability check (not a timing): after the throughput process was killed with kill -9 right after it
 * acknowledged {@code acked} completed actions, every one of their jobs must be in the store, completed.
 */
public final class Durability {

    private Durability() {
    }

    public static void verify(Path home, long acked) {
        try (MapDbRecords store = MapDbRecords.open(home.resolve("causa.db"))) {
            Map<JobState, Long> counts = store.countByState();
            long completed = counts.getOrDefault(JobState.COMPLETED, 0L);
            long lost = Math.max(0, acked - completed);
            System.out.println("durability: " + acked + " jobs acknowledged before kill -9, store after reopen: "
                    + counts);
            Result.print("durability.acked_jobs", acked, "jobs");
            Result.print("durability.lost_jobs", lost, "jobs");
            if (lost > 0) System.exit(3);
        }
    }
}
