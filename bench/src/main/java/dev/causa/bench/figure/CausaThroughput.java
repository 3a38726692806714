package dev.causa.bench.figure;

import dev.causa.bench.Clients;
import dev.causa.bench.Result;
import dev.causa.bench.workload.DispatchAction;
import dev.causa.bench.workload.Workload;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.model.ActionRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * causa's throughput on the durable MapDB store, in three shapes:
 * <ul>
 *   <li>{@code throughput.causa}: N action runs of one job each, submitted by a few client threads with
 *       {@code Causa.submitAction}; each client keeps up to {@value #WINDOW} submissions in flight that are not
 *       acknowledged (committed) yet, and the clock stops when every action is complete.</li>
 *   <li>{@code throughput.causa_sync_clients}: the same, but each client waits for its run to be acknowledged
 *       ({@code Causa.runAction}) before it submits the next.</li>
 *   <li>{@code throughput.causa_one_action}: one action run dispatching N jobs, until it completes.</li>
 * </ul>
 * With {@code hold} the process then prints {@code ACKED <count>} (the actions of {@code throughput.causa} whose
 * acknowledgement arrived) and waits to be killed: the durability check.
 */
public final class CausaThroughput {

    /** Unacknowledged submissions a client of {@code throughput.causa} keeps in flight. */
    static final int WINDOW = 256;

    private CausaThroughput() {
    }

    public static void run(Path dir, long n, int clients, int workers, boolean hold) throws InterruptedException {
        long warmup = Math.max(200, Math.min(2_000, n / 10));
        oneAction(dir.resolve("one-action"), n, warmup, workers);
        syncClients(dir.resolve("sync-clients"), n, warmup, clients, workers);
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

    /** {@code throughput.causa}: pipelining clients; returns how many actions were acknowledged. */
    private static long manyActions(Path home, long n, long warmup, int clients, int workers, boolean hold) {
        Causa causa = Workload.open(home, workers);
        causa.startWorkers();
        AtomicLong acked = new AtomicLong();
        submitPipelined(causa, warmup, clients, acked);
        long t0 = System.nanoTime();
        long completed = submitPipelined(causa, n, clients, acked);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Check.that(completed == n, completed + " of " + n + " actions completed");
        Check.that(acked.get() == warmup + n, acked.get() + " of " + (warmup + n) + " actions acknowledged");
        Result.print("throughput.causa", n / seconds, "jobs/s");
        if (!hold) causa.close();
        return acked.get();
    }

    /** {@code throughput.causa_sync_clients}: each client waits for its acknowledgement before the next run. */
    private static void syncClients(Path home, long n, long warmup, int clients, int workers) {
        try (Causa causa = Workload.open(home, workers)) {
            causa.startWorkers();
            submitAndAwait(causa, warmup, clients);
            long t0 = System.nanoTime();
            long completed = submitAndAwait(causa, n, clients);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Check.that(completed == n, completed + " of " + n + " actions completed");
            Result.print("throughput.causa_sync_clients", n / seconds, "jobs/s");
        }
    }

    /**
     * Submits n single-job actions, each client keeping up to {@link #WINDOW} unacknowledged, and waits for all of
     * them; counts acknowledgements in {@code acked} as they arrive; returns how many actions completed.
     */
    private static long submitPipelined(Causa causa, long n, int clients, AtomicLong acked) {
        String input = DispatchAction.input(1);
        List<CompletableFuture<ActionRun>> acks = Clients.pipeline(n, clients, WINDOW,
                i -> causa.submitAction(Workload.SINGLE, input, "bench:client").thenApply(run -> {
                    acked.incrementAndGet();
                    return run;
                }));
        List<CompletableFuture<ActionRecord>> done = acks.stream().map(a -> a.thenCompose(ActionRun::done)).toList();
        Clients.awaitAll(done);
        return done.stream().filter(f -> f.join().status == ActionRecord.Status.COMPLETED).count();
    }

    /** Submits n single-job actions, each acknowledged before its client goes on, and waits for all of them. */
    private static long submitAndAwait(Causa causa, long n, int clients) {
        String input = DispatchAction.input(1);
        List<CompletableFuture<ActionRecord>> done = Clients.submit(n, clients,
                i -> causa.runAction(Workload.SINGLE, input, "bench:client").done());
        Clients.awaitAll(done);
        return done.stream().filter(f -> f.join().status == ActionRecord.Status.COMPLETED).count();
    }
}
