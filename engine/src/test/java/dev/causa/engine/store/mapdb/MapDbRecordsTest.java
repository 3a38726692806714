package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreInUseException;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.model.JobState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapDbRecordsTest {

    @TempDir
    Path dir;

    private static JobRecord job(String actionType, String actionId, JobState... path) {
        JobRecord job = new JobRecord();
        job.id = Ids.next();
        job.jobType = "t";
        job.actionType = actionType;
        job.actionId = actionId;
        job.createdAt = Instant.now();
        for (JobState s : path) job.transition(s, s.label(), Instant.now());
        return job;
    }

    @Test
    void idsAreTimeOrderedTextThatRoundTrips() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) ids.add(Ids.next());
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> assertThat(Ids.text(Ids.parse(id))).isEqualTo(id));
        assertThat(Ids.parse("not-an-id")).isEqualTo(-1);
        assertThat(Ids.parse(ids.getFirst().toLowerCase())).isEqualTo(Ids.parse(ids.getFirst()));
    }

    @Test
    void manySavesOfOneJobInACommitWindowLeaveTheLastStateAndACorrectStateIndex() throws Exception {
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            List<CompletableFuture<Void>> saves = new ArrayList<>();
            List<JobRecord> jobs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                JobRecord job = job("a.b", null, JobState.QUEUED);
                jobs.add(job);
                saves.add(store.insert(List.of(job)));
                synchronized (job) {
                    job.transition(JobState.RUNNING, "go", Instant.now());
                }
                saves.add(store.update(job));
                synchronized (job) {
                    job.transition(i % 10 == 0 ? JobState.FAILED : JobState.COMPLETED, "end", Instant.now());
                }
                saves.add(store.update(job));
            }
            CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(store.jobs(JobQuery.inState(JobState.FAILED)).items()).hasSize(50);
            assertThat(store.jobs(JobQuery.inState(JobState.QUEUED)).items()).isEmpty();
            assertThat(store.jobs(JobQuery.inState(JobState.RUNNING)).items()).isEmpty();
            assertThat(store.jobs(new JobQuery(null, JobState.COMPLETED, null, null, 20)).items())
                    .hasSize(20).allSatisfy(j -> assertThat(j.state).isEqualTo(JobState.COMPLETED));
            assertThat(store.countByState()).containsEntry(JobState.COMPLETED, 450L).containsEntry(JobState.FAILED, 50L)
                    .containsEntry(JobState.QUEUED, 0L);
        }
    }

    @Test
    void committedJobsSurviveReopeningAndPrefixesFindThem() throws Exception {
        String actionId = Ids.next();
        JobRecord a;
        JobRecord b;
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            a = job("files.copy", actionId, JobState.QUEUED);
            b = job("files.move", null, JobState.QUEUED);
            ActionRecord run = new ActionRecord(); // as the engine stores them: the action run with its jobs
            run.id = actionId;
            run.actionType = "files.copy";
            run.jobIds = List.of(a.id);
            CompletableFuture.allOf(store.insert(run, List.of(a)), store.insert(List.of(b))).get(30, TimeUnit.SECONDS);
        }
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            assertThat(store.job(a.id)).get().satisfies(j -> assertThat(j.actionType).isEqualTo("files.copy"));
            assertThat(store.jobs(JobQuery.ofAction(actionId)).items()).extracting(j -> j.id).containsExactly(a.id);
            assertThat(store.jobs(new JobQuery("files.move", null, null, null, 0)).items()).extracting(j -> j.id)
                    .containsExactly(b.id);
            assertThat(store.jobIdsMatching(a.id, 5)).containsExactly(a.id);
            assertThat(store.jobIdsMatching(a.id.substring(0, 4), 5)).contains(a.id, b.id);
            assertThat(store.jobIdsMatching("ZZZ", 5)).isEmpty();
            assertThat(store.jobsByFullScan(new JobQuery("files.copy", null, null, null, 0)))
                    .extracting(j -> j.id).containsExactly(a.id);
        }
    }

    @Test
    void countsByStateAreRightWhileACheckpointIsHalfWayIntoMapDb() throws Exception {
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            List<CompletableFuture<Void>> saves = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                JobRecord job = job("a.b", null, JobState.QUEUED);
                if (i % 3 == 0) job.transition(JobState.RUNNING, "go", Instant.now());
                saves.add(store.insert(List.of(job)));
            }
            CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            // the checkpoint stops with all of it in MapDB, uncommitted, while the frozen layer still holds it
            java.util.concurrent.CountDownLatch applied = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            store.checkpointer().beforeCommit = () -> {
                applied.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            CompletableFuture<Void> checkpoint = store.checkpointNow();
            assertThat(applied.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<java.util.Map<JobState, Long>> counted = CompletableFuture.supplyAsync(store::countByState);
            Thread.sleep(200);
            release.countDown();
            checkpoint.get(30, TimeUnit.SECONDS);
            assertThat(counted.get(30, TimeUnit.SECONDS)).containsEntry(JobState.QUEUED, 200L)
                    .containsEntry(JobState.RUNNING, 100L).containsEntry(JobState.COMPLETED, 0L);
        }
    }

    @Test
    void aSecondOpenIsRefusedWithStoreInUse() {
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            assertThatThrownBy(() -> MapDbRecords.open(dir.resolve("causa.db")))
                    .isInstanceOf(StoreInUseException.class).hasMessageStartingWith("store in use");
        }
    }
}
