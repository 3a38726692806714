package dev.causa.bench.figure;

import dev.causa.bench.Clients;
import dev.causa.bench.Result;
import dev.causa.bench.workload.DispatchAction;
import dev.causa.bench.workload.NoOpJob;
import dev.causa.bench.workload.Workload;
import dev.causa.engine.Causa;
import java.nio.file.Path;

/**
 * What carrying an ActionContext costs at dispatch: the time to dispatch n jobs each through its own action run
 * (action record, context provider, redaction, context stored with the job) over the time to dispatch n plain jobs
 * with {@link Causa#dispatch}. Workers are not started, so only dispatch is timed; both are acknowledged durably.
 * The two kinds alternate in rounds in one process so that drift on the shared machine hits both alike; the figure
 * is the median of the rounds' ratios ({@code ratio.context_overhead_total} is the ratio of the totals).
 */
public final class ContextOverhead {

    private static final int ROUNDS = 16;

    private ContextOverhead() {
    }

    public static void run(Path dir, long n, int clients) {
        try (Causa causa = Workload.open(dir.resolve("context"), 2)) {
            long warm = Math.max(100, n / 10);
            plain(causa, warm, clients);
            withAction(causa, warm, clients);
            long plainNanos = 0;
            long actionNanos = 0;
            double[] ratios = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                // which kind goes first alternates too, so that neither always follows the other's checkpoint
                long p;
                long a;
                if (r % 2 == 0) {
                    p = plain(causa, n / ROUNDS, clients);
                    a = withAction(causa, n / ROUNDS, clients);
                } else {
                    a = withAction(causa, n / ROUNDS, clients);
                    p = plain(causa, n / ROUNDS, clients);
                }
                plainNanos += p;
                actionNanos += a;
                ratios[r] = (double) a / p;
            }
            java.util.Arrays.sort(ratios);
            long done = n / ROUNDS * ROUNDS;
            Result.print("dispatch.plain_per_s", done / (plainNanos / 1e9), "jobs/s");
            Result.print("dispatch.action_per_s", done / (actionNanos / 1e9), "jobs/s");
            Result.print("ratio.context_overhead_total", (double) actionNanos / plainNanos, "x");
            // the median round: each acknowledgement waits for a journal sync, whose time on a shared disk varies
            // more from second to second than the dispatch work differs, and a background checkpoint lands in
            // some rounds only
            Result.print("ratio.context_overhead", (ratios[ROUNDS / 2 - 1] + ratios[ROUNDS / 2]) / 2, "x");
        }
    }

    private static long plain(Causa causa, long n, int clients) {
        long t0 = System.nanoTime();
        Clients.submit(n, clients, i -> causa.dispatch(NoOpJob.TYPE, "{\"n\":" + i + "}"));
        return System.nanoTime() - t0;
    }

    private static long withAction(Causa causa, long n, int clients) {
        String input = DispatchAction.input(1);
        long t0 = System.nanoTime();
        Clients.submit(n, clients, i -> causa.runAction(Workload.SINGLE, input, "bench:client"));
        return System.nanoTime() - t0;
    }
}
