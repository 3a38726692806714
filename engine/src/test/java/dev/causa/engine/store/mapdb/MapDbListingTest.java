package dev.causa.engine.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.api.ActionContext;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Page;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings page by a cursor, filter by initiator, and find jobs by part of their id. */
class MapDbListingTest {

    @TempDir
    Path dir;

    private static JobRecord job(String actionType, String initiatedBy) {
        JobRecord job = new JobRecord();
        job.id = Ids.next();
        job.jobType = "t";
        job.actionType = actionType;
        job.createdAt = Instant.now();
        job.actionContext = new ActionContext(actionType, job.createdAt, initiatedBy, Map.of(), Map.of());
        job.transition(JobState.QUEUED, "dispatched", job.createdAt);
        return job;
    }

    private static void await(java.util.concurrent.CompletableFuture<Void> write) throws Exception {
        write.get(30, TimeUnit.SECONDS);
    }

    @Test
    void threePagesOfAListingByActionTypeHoldEveryJobOnceNewestFirst() throws Exception {
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            List<String> copies = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                JobRecord copy = job("files.copy", "repl:alice");
                copies.add(copy.id);
                await(store.insert(List.of(copy, job("files.move", "repl:alice"))));
                // the first pages come from MapDB, the rest from the overlay: the cursor crosses both
                if (i == 14) store.checkpointNow().get(30, TimeUnit.SECONDS);
            }
            JobQuery query = new JobQuery("files.copy", null, null, null, 10);

            Page<JobRecord> first = store.jobs(query);
            Page<JobRecord> second = store.jobs(query.withCursor(first.next()));
            Page<JobRecord> third = store.jobs(query.withCursor(second.next()));

            assertThat(first.items()).hasSize(10);
            assertThat(first.next()).isEqualTo(first.items().getLast().id);
            assertThat(second.items()).hasSize(10);
            assertThat(second.next()).isNotNull();
            assertThat(third.items()).hasSize(5);
            assertThat(third.next()).as("the last page has no next").isNull();
            List<String> listed = new ArrayList<>();
            for (Page<JobRecord> page : List.of(first, second, third)) page.items().forEach(j -> listed.add(j.id));
            assertThat(listed).containsExactlyElementsOf(copies.reversed());
        }
    }

    @Test
    void aFullListingAndActionRunsPageTheSameWay() throws Exception {
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ActionRecord run = new ActionRecord();
                run.id = Ids.next();
                run.actionType = "files.copy";
                run.initiatedBy = i % 2 == 0 ? "repl:alice" : "schedule:nightly";
                run.status = ActionRecord.Status.RUNNING;
                await(store.insert(run, List.of(job("files.copy", run.initiatedBy))));
                if (i % 2 == 0) runs.add(run.id);
                if (i == 3) store.checkpointNow().get(30, TimeUnit.SECONDS);
            }
            ActionQuery alices = new ActionQuery("files.copy", "repl:alice", null, 3);
            Page<ActionRecord> first = store.actions(alices);
            Page<ActionRecord> second = store.actions(new ActionQuery("files.copy", "repl:alice", first.next(), 3));
            assertThat(first.items()).extracting(a -> a.id).containsExactlyElementsOf(runs.reversed().subList(0, 3));
            assertThat(second.items()).extracting(a -> a.id).containsExactly(runs.getFirst());
            assertThat(second.next()).isNull();

            Page<JobRecord> jobs = store.jobs(JobQuery.all(4));
            Page<JobRecord> rest = store.jobs(JobQuery.all(4).withCursor(jobs.next()));
            assertThat(jobs.items()).hasSize(4);
            assertThat(rest.items()).hasSize(3);
            assertThat(rest.next()).isNull();
            assertThat(rest.items()).extracting(j -> j.id).allSatisfy(id -> assertThat(id).isLessThan(jobs.next()));
        }
    }

    @Test
    void jobsFilterOnWhoInitiatedTheirAction() throws Exception {
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            List<String> alices = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                JobRecord job = job(i % 2 == 0 ? "files.copy" : "files.move", i % 3 == 0 ? "repl:alice" : "repl:bob");
                if (i % 3 == 0) alices.add(job.id);
                await(store.insert(List.of(job)));
                if (i == 5) store.checkpointNow().get(30, TimeUnit.SECONDS);
            }
            JobRecord unattributed = job("files.copy", null);
            unattributed.actionContext = null; // dispatched without an action
            await(store.insert(List.of(unattributed)));

            JobQuery byAlice = new JobQuery(null, null, null, null, "repl:alice", null, 0);
            assertThat(store.jobs(byAlice).items()).extracting(j -> j.id).containsExactlyElementsOf(alices.reversed());
            JobQuery aliceCopies = new JobQuery("files.copy", null, null, null, "repl:alice", null, 0);
            assertThat(store.jobs(aliceCopies).items()).extracting(j -> j.actionType).containsOnly("files.copy")
                    .hasSize(2);
            Page<JobRecord> firstTwo = store.jobs(new JobQuery(null, null, null, null, "repl:alice", null, 2));
            Page<JobRecord> others = store.jobs(new JobQuery(null, null, null, null, "repl:alice", firstTwo.next(), 2));
            assertThat(firstTwo.items()).extracting(j -> j.id).containsExactlyElementsOf(alices.reversed().subList(0, 2));
            assertThat(others.items()).extracting(j -> j.id).containsExactlyElementsOf(alices.reversed().subList(2, 4));
            assertThat(store.jobs(new JobQuery(null, null, null, null, "repl:carol", null, 0)).items()).isEmpty();
        }
    }

    @Test
    void partialIdsFindJobsByPrefixAndBySuffix() throws Exception {
        try (MapDbRecords store = MapDbRecords.open(dir.resolve("causa.db"))) {
            List<JobRecord> jobs = new ArrayList<>();
            for (int i = 0; i < 20; i++) jobs.add(job("files.copy", "repl:alice"));
            await(store.insert(jobs.subList(0, 10)));
            store.checkpointNow().get(30, TimeUnit.SECONDS);
            await(store.insert(jobs.subList(10, 20)));
            JobRecord old = jobs.get(3);
            JobRecord recent = jobs.get(17);

            assertThat(store.jobIdsMatching(old.id, 5)).containsExactly(old.id);
            assertThat(store.jobIdsMatching(old.id.toLowerCase(), 5)).containsExactly(old.id);
            assertThat(store.jobIdsMatching(old.id.substring(0, 4), 50)).contains(old.id, recent.id)
                    .as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(store.jobIdsMatching(recent.id.substring(7), 5)).contains(recent.id); // the last six
            assertThat(store.jobIdsMatching(old.id.substring(9), 5)).contains(old.id); // the last four
            assertThat(store.jobIdsMatching("ZZZ", 5)).as("not a prefix, too short for a suffix").isEmpty();
            assertThat(store.jobIdsMatching(old.id.substring(10), 5)).as("three characters: no suffix search")
                    .doesNotContain(old.id);
        }
    }
}
