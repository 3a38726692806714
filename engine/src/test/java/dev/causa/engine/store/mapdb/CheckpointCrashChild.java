package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;

import dev.causa.engine.model.JobState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process for {@link CheckpointCrashTest}: stores jobs (acknowledged), then starts a checkpoint and stops
 * it after MapDB holds all of it but before MapDB's commit, says so, and waits to be killed.
 */
public final class CheckpointCrashChild {

    public static void main(String[] args) throws Exception {
        MapDbRecords store = MapDbRecords.open(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        String actionId = Ids.next();
        List<CompletableFuture<Void>> saves = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JobRecord job = new JobRecord();
            job.id = Ids.next();
            job.jobType = "crash.test";
            job.actionType = i % 2 == 0 ? "crash.even" : "crash.odd";
            job.createdAt = Instant.now();
            job.transition(JobState.QUEUED, "dispatched", job.createdAt);
            if (i % 3 == 0) job.transition(JobState.RUNNING, "started", job.createdAt);
            if (i % 6 == 0) job.transition(JobState.COMPLETED, "completed", job.createdAt);
            ids.add(job.id);
            saves.add(store.insert(List.of(job)));
        }
        ActionRecord run = new ActionRecord();
        run.id = actionId;
        run.actionType = "crash.even";
        run.status = ActionRecord.Status.RUNNING;
        saves.add(store.insert(run, List.of()));
        CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        System.out.println("ACKED " + n);
        store.checkpointer().beforeCommit = () -> {
            System.out.println("APPLIED");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        store.checkpointNow();
        Thread.sleep(Long.MAX_VALUE);
    }

    private CheckpointCrashChild() {
    }
}
