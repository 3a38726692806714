package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.model.JobState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker and the progress timer save the same job at the same moment: the store must keep the newest bytes and
 * a state index that agrees with them, or crash recovery (which finds running jobs through the index) misses jobs.
 */
class ConcurrentSaveTest {

    @TempDir
    Path dir;

    @Test
    void savesOfOneJobFromTwoThreadsLeaveTheNewestStateAndAnIndexThatAgrees() throws Exception {
        JobRecord job = new JobRecord();
        job.id = Ids.next();
        job.jobType = "t";
        job.createdAt = Instant.now();
        job.transition(JobState.QUEUED, "dispatched", Instant.now());
        job.transition(JobState.RUNNING, "started", Instant.now());
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            store.insert(List.of(job)).get(10, TimeUnit.SECONDS);
            AtomicBoolean done = new AtomicBoolean();
            Thread timer = Thread.ofPlatform().start(() -> {
                while (!done.get()) store.update(job);
            });
            for (int i = 0; i < 20_000; i++) {
                synchronized (job) {
                    job.history.clear(); // keep the record small; only the state matters here
                    job.transition(job.state == JobState.RUNNING ? JobState.PAUSED : JobState.RUNNING, "flip",
                            Instant.now());
                }
                store.update(job);
            }
            done.set(true);
            timer.join();
            store.flush().get(10, TimeUnit.SECONDS);
            assertAgrees(store, job.state, job.id);
        }
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            assertAgrees(store, job.state, job.id);
        }
    }

    private static void assertAgrees(MapDbRecords store, JobState expected, String id) {
        assertThat(store.job(id).orElseThrow().state).as("stored state").isEqualTo(expected);
        Map<JobState, Long> counts = store.countByState();
        assertThat(counts.get(expected)).as("index entries for " + expected + " in " + counts).isEqualTo(1);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum() - counts.get(JobState.COMPLETED))
                .as("index entries in all, " + counts).isEqualTo(1);
        assertThat(store.jobs(dev.causa.engine.store.JobQuery.inState(expected)).items()).extracting(j -> j.id)
                .containsExactly(id);
    }
}
