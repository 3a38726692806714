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
 * The two kinds alternate in rounds in one process so that drift on the shared machine hits both alike.
 */
public final class ContextOverhead {

    private static final int ROUNDS = 8;

    private ContextOverhead() {
    }

    public static void run(Path dir, long n, int clients) {
        try (Causa causa = Workload.open(dir.resolve("context"), 2)) {
            long warm = Math.max(100, n / 10);
            plain(causa, warm, clients);
            withAction(causa, warm, clients);
            long plainNanos = 0;
            long actionNanos = 0;
            for (int r = 0; r < ROUNDS; r++) {
                plainNanos += plain(causa, n / ROUNDS, clients);
                actionNanos += withAction(causa, n / ROUNDS, clients);
            }
            long done = n / ROUNDS * ROUNDS;
            Result.print("dispatch.plain_per_s", done / (plainNanos / 1e9), "jobs/s");
            Result.print("dispatch.action_per_s", done / (actionNanos / 1e9), "jobs/s");
            Result.print("ratio.context_overhead", (double) actionNanos / plainNanos, "x");
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
