package dev.causa.bench.workload;

import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;

/**
 * A job doing a small fixed amount of arithmetic per item, with or without reporting progress after each item:
 * the difference is what a progress update costs a job. It keeps its own run time, measured inside the job.
 * It reports either through {@link JobContext#progress(long, long)} (one full report first, for the phase) or,
 * with {@code object}, a {@link Progress} built per item, as jobs written before that method do.
 */
public final class CountingJob implements Job<CountingJob.Payload> {

    public static final String TYPE = "bench.counting";
    private static volatile long lastRunNanos;
    private static volatile long sink;

    /**
     * @param items  how many items
     * @param report whether to report progress after each
     * @param object whether each report is a {@code Progress} object rather than counts
     */
    public record Payload(long items, boolean report, boolean object) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    @Override
    public void run(Payload payload, JobContext context) {
        long start = System.nanoTime();
        long x = 0x9E3779B97F4A7C15L;
        long items = payload.items();
        if (!payload.report()) {
            for (long i = 0; i < items; i++) x = work(x ^ i);
        } else if (payload.object()) {
            for (long i = 0; i < items; i++) {
                x = work(x ^ i);
                context.progress(Progress.of("Counting", i + 1, items));
            }
        } else {
            context.progress(Progress.of("Counting", 0, items));
            for (long i = 0; i < items; i++) {
                x = work(x ^ i);
                context.progress(i + 1, items);
            }
        }
        sink = x;
        lastRunNanos = System.nanoTime() - start;
    }

    /** A few rounds of xorshift: ~10 ns of work that the JIT cannot remove, standing in for a tiny item. */
    private static long work(long x) {
        for (int r = 0; r < 4; r++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    public static long lastRunNanos() {
        return lastRunNanos;
    }
}
