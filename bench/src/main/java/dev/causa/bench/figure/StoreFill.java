package dev.causa.bench.figure;

import dev.causa.api.ActionContext;
import dev.causa.bench.Result;
import dev.causa.bench.workload.NoOpJob;
import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.mapdb.MapDbRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Builds the large store that {@link StoreQuery} reads: n finished jobs written through the store directly
 * (not run), each with an action context. One job in {@value #QUERIED_EVERY} is of the queried action type
 * {@value #QUERIED}, spread evenly over time; the rest are spread over nine other types.
 */
public final class StoreFill {

    public static final String QUERIED = "store.queried";
    public static final int QUERIED_EVERY = 100;
    private static final int FLUSH_EVERY = 10_000;

    private StoreFill() {
    }

    public static Path storeFile(Path dir) {
        return dir.resolve("store").resolve("causa.db");
    }

    public static void run(Path dir, long n) {
        long t0 = System.nanoTime();
        try (MapDbRecords store = MapDbRecords.open(storeFile(dir))) {
            String actionId = null;
            for (long i = 0; i < n; i++) {
                if (i % QUERIED_EVERY == 0) actionId = Ids.next();
                store.insert(java.util.List.of(job(i, actionId)));
                if ((i + 1) % FLUSH_EVERY == 0) store.flush().join();
                if ((i + 1) % 100_000 == 0) System.out.println("  filled " + (i + 1) + " jobs");
            }
            store.flush().join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Result.print("store.fill_per_s", n / seconds, "jobs/s");
            Result.print("store.size_mb", store.sizeOnDisk() / 1e6, "MB");
        }
    }

    private static JobRecord job(long i, String actionId) {
        String type = i % QUERIED_EVERY == 0 ? QUERIED : "store.type" + (i % 9);
        Instant at = Instant.now();
        JobRecord job = new JobRecord();
        job.id = Ids.next();
        job.jobType = NoOpJob.TYPE;
        job.createdAt = at;
        job.payload = Json.tree(new NoOpJob.Payload(i));
        job.actionId = actionId;
        job.actionType = type;
        job.actionContext = new ActionContext(type, at, "bench:fill", Map.of("path", "/data/set-" + (i % 1000)),
                Map.of("operation", "fill", "batch", i / QUERIED_EVERY));
        job.transition(JobState.QUEUED, "dispatched", at);
        job.attempts = 1;
        job.transition(JobState.RUNNING, "started", at);
        job.transition(JobState.COMPLETED, "completed", at);
        job.message = "Completed " + type;
        return job;
    }
}
