package dev.causa.bench.figure;

import dev.causa.bench.Result;
import dev.causa.bench.workload.CountingJob;
import dev.causa.bench.workload.Workload;
import dev.causa.engine.Causa;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What progress reporting costs a job: {@link CountingJob} over n items calling {@code JobContext.progress} after
 * each item, against the same job silent. Two forms of the call: {@code progress(completed, total)} (the cheapest,
 * {@code ratio.progress_overhead}) and {@code progress(Progress.of(...))} ({@code ratio.progress_overhead_object}).
 * Run times are taken inside the job; the three runs alternate, and the median of {@value #RUNS} runs of each is
 * compared.
 */
public final class ProgressOverhead {

    private static final int RUNS = 5;

    private ProgressOverhead() {
    }

    public static void run(Path dir, long items) {
        try (Causa causa = Workload.open(dir.resolve("progress"), 1)) {
            causa.startWorkers();
            runOnce(causa, items, true, false);
            runOnce(causa, items, true, true);
            runOnce(causa, items, false, false);
            long[] counts = new long[RUNS];
            long[] objects = new long[RUNS];
            long[] silent = new long[RUNS];
            for (int r = 0; r < RUNS; r++) {
                counts[r] = runOnce(causa, items, true, false);
                objects[r] = runOnce(causa, items, true, true);
                silent[r] = runOnce(causa, items, false, false);
            }
            long countsMedian = median(counts);
            long objectMedian = median(objects);
            long silentMedian = median(silent);
            Result.print("progress.silent_ms", silentMedian / 1e6, "ms");
            Result.print("progress.reporting_ms", countsMedian / 1e6, "ms");
            Result.print("progress.ns_per_update", (double) (countsMedian - silentMedian) / items, "ns");
            Result.print("ratio.progress_overhead", (double) countsMedian / silentMedian, "x");
            Result.print("progress.reporting_object_ms", objectMedian / 1e6, "ms");
            Result.print("progress.ns_per_update_object", (double) (objectMedian - silentMedian) / items, "ns");
            Result.print("ratio.progress_overhead_object", (double) objectMedian / silentMedian, "x");
        }
    }

    private static long runOnce(Causa causa, long items, boolean report, boolean object) {
        causa.dispatch(CountingJob.TYPE, "{\"items\":" + items + ",\"report\":" + report + ",\"object\":" + object
                + "}").finished().join();
        return CountingJob.lastRunNanos();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
