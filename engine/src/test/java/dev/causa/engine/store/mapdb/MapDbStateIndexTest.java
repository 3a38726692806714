package dev.causa.engine.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.StoreAdmin;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state index follows each job through inserts and updates, within and across checkpoints and reopens, with
 * nothing in the job record saying what the store holds.
 */
class MapDbStateIndexTest {

    @TempDir
    Path dir;

    private static JobRecord queued() {
        JobRecord job = new JobRecord();
        job.id = Ids.next();
        job.jobType = "t";
        job.actionType = "files.copy";
        job.createdAt = Instant.now();
        job.transition(JobState.QUEUED, "dispatched", job.createdAt);
        return job;
    }

    private static void move(JobRecord job, JobState to) {
        synchronized (job) {
            job.transition(to, to.label(), Instant.now());
        }
    }

    private static List<String> inState(MapDbRecords store, JobState state) {
        return store.jobs(JobQuery.inState(state)).items().stream().map(j -> j.id).toList();
    }

    private static void assertOnlyIn(MapDbRecords store, JobRecord job, JobState state) {
        for (JobState s : JobState.values()) {
            if (s == state) {
                assertThat(inState(store, s)).as("listed as " + s).contains(job.id);
            } else {
                assertThat(inState(store, s)).as("listed as " + s).doesNotContain(job.id);
            }
        }
    }

    @Test
    void aJobQueuedThenRunningInOneWindowAndCompletedInTheNextIsIndexedRight() throws Exception {
        Path file = dir.resolve("causa.db");
        JobRecord job = queued();
        JobRecord stays = queued();
        try (MapDbRecords store = MapDbRecords.open(file)) {
            store.insert(List.of(job, stays)).get(30, TimeUnit.SECONDS);
            move(job, JobState.RUNNING);
            store.update(job).get(30, TimeUnit.SECONDS);
            store.checkpointNow().get(30, TimeUnit.SECONDS);
            assertOnlyIn(store, job, JobState.RUNNING);
            assertThat(store.countByState()).containsEntry(JobState.RUNNING, 1L).containsEntry(JobState.QUEUED, 1L);

            move(job, JobState.COMPLETED);
            store.update(job).get(30, TimeUnit.SECONDS);
            assertOnlyIn(store, job, JobState.COMPLETED); // from the overlay
            store.checkpointNow().get(30, TimeUnit.SECONDS);
            assertOnlyIn(store, job, JobState.COMPLETED); // from MapDB
            assertThat(store.countByState()).containsEntry(JobState.COMPLETED, 1L).containsEntry(JobState.QUEUED, 1L)
                    .containsEntry(JobState.RUNNING, 0L);
        }
        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertOnlyIn(store, job, JobState.COMPLETED);
            assertOnlyIn(store, stays, JobState.QUEUED);
        }
        assertThat(new MapDbAdmin(file).check().healthy()).isTrue();
    }

    @Test
    void aFailedJobRetriedAfterReopeningIsListedAsQueuedAndNotAsFailed() throws Exception {
        Path file = dir.resolve("causa.db");
        JobRecord job = queued();
        try (MapDbRecords store = MapDbRecords.open(file)) {
            store.insert(List.of(job)).get(30, TimeUnit.SECONDS);
            move(job, JobState.RUNNING);
            move(job, JobState.FAILED);
            store.update(job).get(30, TimeUnit.SECONDS);
        }
        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertOnlyIn(store, job, JobState.FAILED);
            JobRecord retried = store.job(job.id).orElseThrow();
            move(retried, JobState.QUEUED);
            store.update(retried).get(30, TimeUnit.SECONDS);
            assertOnlyIn(store, retried, JobState.QUEUED); // from the overlay
            assertThat(store.countByState()).containsEntry(JobState.QUEUED, 1L).containsEntry(JobState.FAILED, 0L);
            store.checkpointNow().get(30, TimeUnit.SECONDS);
            assertOnlyIn(store, retried, JobState.QUEUED); // from MapDB
            assertThat(store.countByState()).containsEntry(JobState.QUEUED, 1L).containsEntry(JobState.FAILED, 0L);

            // and on from there, as a job it knows again
            move(retried, JobState.RUNNING);
            store.update(retried).get(30, TimeUnit.SECONDS);
            move(retried, JobState.COMPLETED);
            store.update(retried).get(30, TimeUnit.SECONDS);
        }
        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertOnlyIn(store, job, JobState.COMPLETED);
            Map<JobState, Long> counts = store.countByState();
            assertThat(counts).containsEntry(JobState.COMPLETED, 1L).containsEntry(JobState.QUEUED, 0L)
                    .containsEntry(JobState.FAILED, 0L);
        }
        StoreAdmin.Report check = new MapDbAdmin(file).check();
        assertThat(check.problems()).isEmpty();
        assertThat(check.healthy()).isTrue();
    }

    @Test
    void aJobUpdatedAgainAfterItEndedKeepsOneStateEntry() throws Exception {
        Path file = dir.resolve("causa.db");
        JobRecord job = queued();
        try (MapDbRecords store = MapDbRecords.open(file)) {
            store.insert(List.of(job)).get(30, TimeUnit.SECONDS);
            move(job, JobState.RUNNING);
            move(job, JobState.CANCELLED);
            store.update(job).get(30, TimeUnit.SECONDS);
            store.checkpointNow().get(30, TimeUnit.SECONDS);
            synchronized (job) {
                job.log("a last line after the end"); // an ended job, not in the map: its state is asked of the index
            }
            store.update(job).get(30, TimeUnit.SECONDS);
            assertThat(store.countByState()).containsEntry(JobState.CANCELLED, 1L);
            store.checkpointNow().get(30, TimeUnit.SECONDS);
            assertOnlyIn(store, job, JobState.CANCELLED);
            assertThat(store.countByState()).containsEntry(JobState.CANCELLED, 1L);
        }
        assertThat(new MapDbAdmin(file).check().healthy()).isTrue();
    }
}
