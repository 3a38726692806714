package dev.causa.bench.figure;

import dev.causa.bench.Result;
import dev.causa.bench.workload.CountingJob;
import dev.causa.bench.workload.Workload;
import dev.causa.engine.Causa;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What progress reporting costs a job: {@link CountingJob} over n items calling {@code JobContext.progress} after
 * each item, against the same job silent. Run times are taken inside the job; the two alternate, and the median
 * of {@value #RUNS} runs of each is compared.
 */
public final class ProgressOverhead {

    private static final int RUNS = 5;

    private ProgressOverhead() {
    }

    public static void run(Path dir, long items) {
        try (Causa causa = Workload.open(dir.resolve("progress"), 1)) {
            causa.startWorkers();
            runOnce(causa, items, true);
            runOnce(causa, items, false);
            long[] loud = new long[RUNS];
            long[] silent = new long[RUNS];
            for (int r = 0; r < RUNS; r++) {
                loud[r] = runOnce(causa, items, true);
                silent[r] = runOnce(causa, items, false);
            }
            long loudMedian = median(loud);
            long silentMedian = median(silent);
            Result.print("progress.silent_ms", silentMedian / 1e6, "ms");
            Result.print("progress.reporting_ms", loudMedian / 1e6, "ms");
            Result.print("progress.ns_per_update", (double) (loudMedian - silentMedian) / items, "ns");
            Result.print("ratio.progress_overhead", (double) loudMedian / silentMedian, "x");
        }
    }

    private static long runOnce(Causa causa, long items, boolean report) {
        causa.dispatch(CountingJob.TYPE, "{\"items\":" + items + ",\"report\":" + report + "}").finished().join();
        return CountingJob.lastRunNanos();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
