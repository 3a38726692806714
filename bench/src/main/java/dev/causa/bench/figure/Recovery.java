package dev.causa.bench.figure;

import dev.causa.bench.Result;
import dev.causa.bench.Sizes;
import dev.causa.bench.workload.DispatchAction;
import dev.causa.bench.workload.HoldingJob;
import dev.causa.bench.workload.Workload;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.model.ActionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Recovery after a crash, in two processes. {@link #crash}: actions of {@value #PER_ACTION} jobs each store n jobs,
 * two of them start and hang (running when killed), the rest are queued; the parent kills the process with kill -9. {@link #resume}: the
 * time from {@code Causa.open} until the action is complete, i.e. every recovered job ran and its completion
 * is committed ({@code recovery.<n>_ms}), and until {@code startWorkers} returned, i.e. the recovery scan is done
 * and every job is queued again ({@code recovery.scan_ms}).
 */
public final class Recovery {

    /** Jobs per action: one action's jobs are committed together, and a huge commit would hit the 60 s limit. */
    static final int PER_ACTION = 10_000;

    private Recovery() {
    }

    private static Path home(Path dir) {
        return dir.resolve("recovery");
    }

    private static Path actionFile(Path dir) {
        return dir.resolve("recovery-action");
    }

    /** Needs {@code -Dbench.hold=true}; prints READY once the jobs are stored and two of them hang. */
    public static void crash(Path dir, long n) throws IOException, InterruptedException {
        Causa causa = Workload.open(home(dir), 2);
        causa.startWorkers();
        List<String> ids = new ArrayList<>();
        for (long left = n; left > 0; left -= PER_ACTION) {
            ActionRun run = causa.runAction(Workload.HOLD, DispatchAction.input((int) Math.min(left, PER_ACTION)),
                    "bench:recovery");
            ids.add(run.actionId());
        }
        Files.write(actionFile(dir), ids);
        HoldingJob.STARTED.await();
        causa.flushStore().join();
        System.out.println("READY " + ids.size() + " actions");
        System.out.flush();
        Thread.currentThread().join();
    }

    public static void resume(Path dir, long n) throws IOException {
        List<String> actionIds = Files.readAllLines(actionFile(dir));
        long t0 = System.nanoTime();
        try (Causa causa = Workload.open(home(dir), 2)) {
            List<CompletableFuture<ActionRecord>> completions = actionIds.stream().map(causa::completion).toList();
            causa.startWorkers();
            long scanned = System.nanoTime();
            long jobs = 0;
            for (CompletableFuture<ActionRecord> completion : completions) {
                ActionRecord done = completion.join();
                Check.that(done.status == ActionRecord.Status.COMPLETED,
                        "recovered action " + done.id + " is " + done.status + ": " + done.error);
                jobs += done.jobIds.size();
            }
            long finished = System.nanoTime();
            Check.that(jobs == n, "recovered " + jobs + " of " + n + " jobs");
            Result.print("recovery." + Sizes.label(n) + "_ms", (finished - t0) / 1e6, "ms");
            Result.print("recovery.scan_ms", (scanned - t0) / 1e6, "ms");
        }
    }
}
