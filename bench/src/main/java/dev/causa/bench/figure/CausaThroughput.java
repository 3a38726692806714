package dev.causa.bench.figure;

import dev.causa.bench.Clients;
import dev.causa.bench.Result;
import dev.causa.bench.workload.DispatchAction;
import dev.causa.bench.workload.Workload;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.store.ActionRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * causa's throughput on the durable MapDB store, in two shapes:
 * <ul>
 *   <li>{@code throughput.causa}: N action runs of one job each, submitted by a few client threads; every run is
 *       acknowledged (committed) before its caller goes on, and the clock stops when every action is complete.</li>
 *   <li>{@code throughput.causa_one_action}: one action run dispatching N jobs, until it completes.</li>
 * </ul>
 * With {@code hold} the process then prints {@code ACKED <count>} and waits to be killed: the durability check.
 */
public final class CausaThroughput {

    private CausaThroughput() {
    }

    public static void run(Path dir, long n, int clients, int workers, boolean hold) throws InterruptedException {
        long warmup = Math.max(200, Math.min(2_000, n / 10));
        oneAction(dir.resolve("one-action"), n, warmup, workers);
        long acked = manyActions(dir.resolve("causa"), n, warmup, clients, workers, hold);
        if (hold) {
            // The parent kills this process now (kill -9) and checks that every acknowledged job is in the store.
            System.out.println("ACKED " + acked);
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    private static void oneAction(Path home, long n, long warmup, int workers) {
        try (Causa causa = Workload.open(home, workers)) {
            causa.startWorkers();
            awaitRun(causa, (int) warmup);
            long t0 = System.nanoTime();
            ActionRecord done = awaitRun(causa, (int) n);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Check.that(done.status == ActionRecord.Status.COMPLETED,
                    "the batch action did not complete: " + done.error);
            Result.print("throughput.causa_one_action", n / seconds, "jobs/s");
        }
    }

    private static ActionRecord awaitRun(Causa causa, int count) {
        ActionRun run = causa.runAction(Workload.BATCH, DispatchAction.input(count), "bench:one-action");
        return causa.completion(run.actionId()).join();
    }

    private static long manyActions(Path home, long n, long warmup, int clients, int workers, boolean hold) {
        Causa causa = Workload.open(home, workers);
        causa.startWorkers();
        submitAndAwait(causa, warmup, clients);
        long t0 = System.nanoTime();
        long completed = submitAndAwait(causa, n, clients);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Check.that(completed == n, completed + " of " + n + " actions completed");
        Result.print("throughput.causa", n / seconds, "jobs/s");
        if (!hold) causa.close();
        return warmup + n;
    }

    /** Submits n single-job actions and waits for all of them; returns how many completed. */
    private static long submitAndAwait(Causa causa, long n, int clients) {
        String input = DispatchAction.input(1);
        List<CompletableFuture<ActionRecord>> done = Clients.submit(n, clients,
                i -> causa.runAction(Workload.SINGLE, input, "bench:client").done());
        Clients.awaitAll(done);
        return done.stream().filter(f -> f.join().status == ActionRecord.Status.COMPLETED).count();
    }
}
