package dev.causa.engine.action;

import dev.causa.engine.store.ForwardingRecordStore;
import dev.causa.engine.testkit.TestStores;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import dev.causa.engine.store.Page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.event.EventBus;
import dev.causa.engine.model.JobState;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone asks for an action's completion (a restarted engine, {@code causa job watch}) at the moment its last job
 * ends: whichever comes first, the action run must close. The store here is slow to answer a job query, as a busy
 * machine is when the asking thread is descheduled, so the job's end lands while the jobs are being counted.
 */
class ActionRunsRaceTest {

    @TempDir
    Path dir;

    @Test
    void aCompletionAskedWhileTheLastJobEndsStillCompletes() throws Exception {
        try (Store store = TestStores.mapdb(dir.resolve("causa.db")); EventBus events = new EventBus()) {
            RecordStore real = store.records();
            CountDownLatch counting = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            ActionRuns runs = new ActionRuns(new SlowQueries(real, counting, ended), events);
            ActionRecord action = new ActionRecord();
            action.id = Ids.next();
            action.actionType = "test.race";
            action.status = ActionRecord.Status.RUNNING;
            JobRecord job = new JobRecord();
            job.id = Ids.next();
            job.jobType = "t";
            job.actionId = action.id;
            job.actionType = action.actionType;
            job.transition(JobState.QUEUED, "dispatched", Instant.now());
            job.transition(JobState.RUNNING, "started", Instant.now());
            action.jobIds = List.of(job.id);
            real.insert(action, List.of(job)).get(10, TimeUnit.SECONDS);

            // own threads: the common pool may have a single thread on a small machine
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            CompletableFuture<CompletableFuture<ActionRecord>> asked =
                    CompletableFuture.supplyAsync(() -> runs.completion(action.id), pool);
            assertThat(counting.await(10, TimeUnit.SECONDS)).isTrue(); // the jobs were read: job still running
            synchronized (job) {
                job.transition(JobState.COMPLETED, "completed", Instant.now());
            }
            real.update(job).get(10, TimeUnit.SECONDS); // finished() is told once the final state is committed
            CompletableFuture<Void> told = CompletableFuture.runAsync(() -> runs.finished(job), pool);
            ended.countDown();
            told.get(10, TimeUnit.SECONDS);

            ActionRecord closed = asked.get(10, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            assertThat(closed.status).isEqualTo(ActionRecord.Status.COMPLETED);
            assertThat(real.action(action.id).orElseThrow().status).isEqualTo(ActionRecord.Status.COMPLETED);
            pool.shutdown();
        }
    }

    /** Answers the first job query with what it read, but only after the job's end has been told. */
    private static final class SlowQueries extends ForwardingRecordStore {
        private final CountDownLatch counting;
        private final CountDownLatch ended;

        SlowQueries(RecordStore store, CountDownLatch counting, CountDownLatch ended) {
            super(store);
            this.counting = counting;
            this.ended = ended;
        }

        @Override
        public Page<JobRecord> jobs(JobQuery query) {
            Page<JobRecord> read = store.jobs(query);
            if (counting.getCount() > 0) {
                counting.countDown();
                try {
                    // wait for the end to be told, or give up: the other thread may be blocked behind this one
                    ended.await(500, TimeUnit.MILLISECONDS);
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return read;
        }
    }
}
