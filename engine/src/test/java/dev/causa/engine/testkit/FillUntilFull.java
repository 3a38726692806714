package dev.causa.engine.testkit;

import dev.causa.engine.model.JobState;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.mapdb.MapDbRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A child process that stores jobs until a commit fails, then prints how many commits succeeded. */
public final class FillUntilFull {

    public static void main(String[] args) {
        int committed = 0;
        String failure = "none";
        try (MapDbRecords store = MapDbRecords.open(Path.of(args[0]))) {
            for (int i = 0; i < 100_000; i++) {
                JobRecord job = new JobRecord();
                job.id = Ids.next();
                job.jobType = "filler";
                job.actionType = "disk.fill";
                job.log("x".repeat(2000));
                job.transition(JobState.QUEUED, "dispatched", Instant.now());
                try {
                    store.insert(java.util.List.of(job)).get(30, TimeUnit.SECONDS);
                    committed++;
                } catch (Exception e) {
                    failure = e.getCause() == null ? e.toString() : e.getCause().getMessage();
                    break;
                }
            }
        } catch (RuntimeException closing) {
            // the store may refuse to close cleanly on a full disk; what counts is what was committed
        }
        System.out.println("COMMITTED " + committed);
        System.out.println("FAILURE " + failure);
    }

    private FillUntilFull() {
    }
}
