package dev.causa.engine.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.api.ActionContext;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.Claim;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Lease;
import dev.causa.engine.store.LeaseLostException;
import dev.causa.engine.store.Page;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a correct backend does (DESIGN §10): one suite, run against every backend by a subclass that says how to
 * open it. Records are a unit with their action, listings are newest first and page by cursor, a claim leases a job
 * to one node, a lost lease cannot settle a job, priorities and limits hold, and what was acknowledged survives a
 * reopen.
 */
public abstract class StoreContract {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Map<String, Integer> NO_LIMITS = Map.of();

    @TempDir
    protected Path dir;
    protected Store store;

    /** Opens the backend on {@code dir}: the same store again when called again after a close. */
    protected abstract Store open(Path dir);

    @BeforeEach
    void openStore() {
        store = open(dir);
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    private RecordStore records() {
        return store.records();
    }

    private void reopen() {
        store.close();
        store = open(dir);
    }

    // ---- fixtures ------------------------------------------------------------------------------------------------

    protected static ActionRecord action(String type, String initiatedBy) {
        ActionRecord a = new ActionRecord();
        a.id = Ids.next();
        a.actionType = type;
        a.initiatedAt = Instant.now();
        a.initiatedBy = initiatedBy;
        a.status = ActionRecord.Status.RUNNING;
        return a;
    }

    protected static JobRecord job(ActionRecord action, String jobType, int priority) {
        JobRecord j = new JobRecord();
        j.id = Ids.next();
        j.jobType = jobType;
        j.priority = priority;
        j.createdAt = Instant.now();
        if (action != null) {
            j.actionId = action.id;
            j.actionType = action.actionType;
            j.actionContext = new ActionContext(action.actionType, action.initiatedAt, action.initiatedBy, Map.of(),
                    Map.of("k", "v"));
            action.jobIds = new ArrayList<>(action.jobIds);
            action.jobIds.add(j.id);
        }
        j.transition(JobState.QUEUED, "dispatched", j.createdAt);
        return j;
    }

    private List<JobRecord> insertRun(String type, String initiatedBy, int jobs, int priority) {
        ActionRecord a = action(type, initiatedBy);
        List<JobRecord> made = new ArrayList<>();
        for (int i = 0; i < jobs; i++) made.add(job(a, "work", priority));
        records().insert(a, made).join();
        return made;
    }

    private static List<String> ids(List<JobRecord> jobs) {
        return jobs.stream().map(j -> j.id).toList();
    }

    private static List<String> newestFirst(List<JobRecord> jobs) {
        return jobs.stream().map(j -> j.id).sorted(java.util.Comparator.reverseOrder()).toList();
    }

    private List<Claim> claim(String node, int max) {
        return store.queue().claim(node, max, t -> true, NO_LIMITS, LEASE);
    }

    // ---- records -------------------------------------------------------------------------------------------------

    @Test
    void anActionAndItsJobsAreReadBackAsStoredAndSurviveAReopen() {
        ActionRecord a = action("files.copy", "cli:alice");
        JobRecord j1 = job(a, "file_copy", 0);
        JobRecord j2 = job(a, "file_copy", 0);
        records().insert(a, List.of(j1, j2)).join();
        reopen();

        ActionRecord read = records().action(a.id).orElseThrow();
        assertThat(read.actionType).isEqualTo("files.copy");
        assertThat(read.initiatedBy).isEqualTo("cli:alice");
        assertThat(read.jobIds).containsExactly(j1.id, j2.id);
        JobRecord job = records().job(j1.id).orElseThrow();
        assertThat(job.state).isEqualTo(JobState.QUEUED);
        assertThat(job.actionContext.context()).containsEntry("k", "v");
        assertThat(job.history).hasSize(1);
        assertThat(records().jobs(JobQuery.ofAction(a.id)).items()).extracting(r -> r.id)
                .containsExactlyInAnyOrder(j1.id, j2.id);
    }

    @Test
    void anUpdateIsReadAfterItsAcknowledgementAndAfterAReopen() {
        JobRecord j = insertRun("files.copy", "cli:a", 1, 0).getFirst();
        j.transition(JobState.RUNNING, "started", Instant.now());
        j.transition(JobState.COMPLETED, "completed", Instant.now());
        records().update(j).join();
        assertThat(records().job(j.id).orElseThrow().state).isEqualTo(JobState.COMPLETED);
        reopen();
        assertThat(records().job(j.id).orElseThrow().state).isEqualTo(JobState.COMPLETED);
        assertThat(records().jobs(JobQuery.inState(JobState.QUEUED)).items()).isEmpty();
        assertThat(records().jobs(JobQuery.inState(JobState.COMPLETED)).items()).extracting(r -> r.id)
                .containsExactly(j.id);
    }

    @Test
    void listingsFilterByEveryIndexNewestFirst() {
        List<JobRecord> copies = insertRun("files.copy", "cli:alice", 3, 0);
        List<JobRecord> scans = insertRun("indexing.scan", "script:nightly.mjs", 2, 0);
        JobRecord parent = copies.getFirst();
        JobRecord child = job(null, "work", 0);
        child.parentJobId = parent.id;
        records().insert(List.of(child)).join();

        assertThat(ids(records().jobs(new JobQuery("files.copy", null, null, null, 0)).items()))
                .isEqualTo(newestFirst(copies));
        assertThat(ids(records().jobs(new JobQuery(null, null, null, null, "script:nightly.mjs", null, 0)).items()))
                .isEqualTo(newestFirst(scans));
        assertThat(ids(records().jobs(new JobQuery(null, null, null, parent.id, 0)).items()))
                .containsExactly(child.id);
        assertThat(ids(records().jobs(JobQuery.all(0)).items())).hasSize(6).first().isEqualTo(child.id);
        assertThat(records().actions(ActionQuery.ofType("indexing.scan", 0)).items()).hasSize(1);
        assertThat(records().actions(ActionQuery.ofType(null, 0)).items()).hasSize(2);
        assertThat(records().countByState()).containsEntry(JobState.QUEUED, 6L);
    }

    @Test
    void aListingPagesByCursorWithoutGapsOrRepeats() {
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) all.addAll(insertRun("files.copy", "cli:a", 5, 0));
        List<String> seen = new ArrayList<>();
        JobQuery query = new JobQuery("files.copy", null, null, null, null, null, 10);
        int pages = 0;
        do {
            Page<JobRecord> page = records().jobs(query);
            assertThat(page.items().size()).isLessThanOrEqualTo(10);
            seen.addAll(ids(page.items()));
            pages++;
            query = page.next() == null ? null : query.withCursor(page.next());
        } while (query != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(newestFirst(all));
    }

    @Test
    void aUserFindsAJobByThePrefixOrTheEndOfItsId() {
        JobRecord j = insertRun("files.copy", "cli:a", 1, 0).getFirst();
        assertThat(records().jobIdsMatching(j.id.substring(0, 12), 5)).contains(j.id);
        assertThat(records().jobIdsMatching(j.id.substring(j.id.length() - 5), 5)).containsExactly(j.id);
        assertThat(records().jobIdsMatching("ZZZZZZZZZZZZZ", 5)).isEmpty();
    }

    // ---- the work queue ------------------------------------------------------------------------------------------

    @Test
    void aClaimLeasesAJobToOneNodeOnly() {
        JobRecord j = insertRun("a", "cli:a", 1, 0).getFirst();
        List<Claim> first = claim("node-a", 5);
        assertThat(first).extracting(c -> c.job().id).containsExactly(j.id);
        assertThat(first.getFirst().lease().node()).isEqualTo("node-a");
        assertThat(claim("node-b", 5)).isEmpty();
    }

    @Test
    void higherPriorityIsClaimedFirstAndEqualPrioritiesOldestFirst() {
        List<JobRecord> low = insertRun("a", "cli:a", 3, 0);
        List<JobRecord> high = insertRun("a", "cli:a", 2, 5);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) order.addAll(claim("n", 1).stream().map(c -> c.job().id).toList());
        List<String> expected = new ArrayList<>(ids(high));
        expected.addAll(ids(low));
        assertThat(order).isEqualTo(expected);
    }

    @Test
    void aJobIsNotClaimedBeforeItIsDue() throws Exception {
        JobRecord j = job(null, "work", 0);
        j.nextRunAt = Instant.now().plusMillis(300);
        records().insert(List.of(j)).join();
        assertThat(claim("n", 1)).isEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Claim> claims = List.of();
        while (claims.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            claims = claim("n", 1);
        }
        assertThat(claims).extracting(c -> c.job().id).containsExactly(j.id);
        assertThat(Instant.now()).isAfterOrEqualTo(j.nextRunAt);
    }

    @Test
    void aNodeClaimsOnlyTheJobTypesItCanRunAndWithinTheirLimits() {
        ActionRecord a = action("a", "cli:a");
        List<JobRecord> jobs = List.of(job(a, "copy", 0), job(a, "copy", 0), job(a, "copy", 0), job(a, "scan", 0));
        records().insert(a, jobs).join();
        List<Claim> scans = store.queue().claim("n", 10, "scan"::equals, NO_LIMITS, LEASE);
        assertThat(scans).extracting(c -> c.job().jobType).containsExactly("scan");
        List<Claim> copies = store.queue().claim("n", 10, t -> true, Map.of("copy", 2), LEASE);
        assertThat(copies).hasSize(2);
        assertThat(store.queue().claim("m", 10, t -> true, Map.of("copy", 2), LEASE)).isEmpty();
        Claim done = copies.getFirst();
        done.job().transition(JobState.RUNNING, "started", Instant.now());
        done.job().transition(JobState.COMPLETED, "completed", Instant.now());
        store.queue().release(done.lease(), done.job()).join();
        assertThat(store.queue().claim("m", 10, t -> true, Map.of("copy", 2), LEASE)).hasSize(1);
    }

    @Test
    void theLeaseHolderIsKnownWhileTheLeaseLivesAndNotAfterItEndsOrExpires() throws Exception {
        List<JobRecord> two = insertRun("a", "cli:a", 2, 0);
        assertThat(store.queue().leaseHolder(two.get(0).id)).as("queued, never claimed").isEmpty();
        Claim held = claim("node-a", 1).getFirst();
        assertThat(store.queue().leaseHolder(held.job().id)).contains("node-a");
        held.job().transition(JobState.RUNNING, "started", Instant.now());
        held.job().transition(JobState.PAUSED, "paused", Instant.now());
        store.queue().release(held.lease(), held.job()).join();
        assertThat(store.queue().leaseHolder(held.job().id)).as("released").isEmpty();

        Claim brief = store.queue().claim("node-b", 1, t -> true, NO_LIMITS, Duration.ofMillis(150)).getFirst();
        assertThat(store.queue().leaseHolder(brief.job().id)).contains("node-b");
        Thread.sleep(400);
        assertThat(store.queue().leaseHolder(brief.job().id)).as("expired: its node is gone").isEmpty();
        assertThat(store.queue().leaseHolder("0000000000000")).as("no such job").isEmpty();
    }

    @Test
    void aLostLeaseCannotCompleteAJobAnotherNodeHasTakenOver() throws Exception {
        JobRecord j = insertRun("a", "cli:a", 1, 0).getFirst();
        Claim a = store.queue().claim("node-a", 1, t -> true, NO_LIMITS, Duration.ofMillis(150)).getFirst();
        a.job().transition(JobState.RUNNING, "started", Instant.now());
        store.queue().update(a.lease(), a.job()).join();

        List<Claim> b = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (b.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            b = claim("node-b", 1);
        }
        assertThat(b).as("taken over once node-a's lease expired").hasSize(1);
        assertThat(b.getFirst().expiredFrom()).isEqualTo("node-a");
        assertThat(store.queue().renew("node-a", List.of(j.id), LEASE)).containsExactly(j.id);

        JobRecord late = records().job(j.id).orElseThrow();
        late.transition(JobState.COMPLETED, "completed by a node that lost its lease", Instant.now());
        assertThatThrownBy(() -> store.queue().release(a.lease(), late).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(LeaseLostException.class);
        assertThat(records().job(j.id).orElseThrow().state).isEqualTo(JobState.RUNNING);

        JobRecord mine = records().job(j.id).orElseThrow();
        mine.transition(JobState.COMPLETED, "completed", Instant.now());
        store.queue().release(b.getFirst().lease(), mine).join();
        assertThat(records().job(j.id).orElseThrow().history).extracting(h -> h.reason())
                .containsOnlyOnce("completed");
    }

    @Test
    void aRenewedLeaseDoesNotExpire() throws Exception {
        JobRecord j = insertRun("a", "cli:a", 1, 0).getFirst();
        store.queue().claim("node-a", 1, t -> true, NO_LIMITS, Duration.ofMillis(200));
        for (int i = 0; i < 6; i++) {
            Thread.sleep(80);
            assertThat(store.queue().renew("node-a", List.of(j.id), Duration.ofMillis(200))).isEmpty();
            assertThat(claim("node-b", 1)).isEmpty();
        }
    }

    @Test
    void aJobQueuedAgainOrPausedToResumeIsClaimableAfterItsRelease() {
        JobRecord j = insertRun("a", "cli:a", 1, 0).getFirst();
        Claim c = claim("n", 1).getFirst();
        c.job().transition(JobState.RUNNING, "started", Instant.now());
        c.job().transition(JobState.PAUSED, "paused", Instant.now());
        store.queue().release(c.lease(), c.job()).join();
        assertThat(claim("n", 1)).as("paused by a user: waits").isEmpty();

        JobRecord paused = records().job(j.id).orElseThrow();
        paused.resumeOnStart = true;
        records().update(paused).join();
        assertThat(claim("n", 1)).extracting(x -> x.job().id).containsExactly(j.id);
    }

    @Test
    void afterAReopenJobsLeftRunningArePausedToResumeAndQueuedOnesAreClaimable() {
        List<JobRecord> jobs = insertRun("a", "cli:a", 4, 0);
        Claim running = claim("gone", 1).getFirst();
        running.job().transition(JobState.RUNNING, "started", Instant.now());
        store.queue().update(running.lease(), running.job()).join();
        Claim finished = claim("gone", 1).getFirst();
        finished.job().transition(JobState.RUNNING, "started", Instant.now());
        finished.job().transition(JobState.COMPLETED, "completed", Instant.now());
        store.queue().release(finished.lease(), finished.job()).join();
        reopen(); // the node that held the lease is gone with the process

        List<Claim> again = claim("next", 10);
        assertThat(again).extracting(c -> c.job().id).containsExactlyInAnyOrder(jobs.get(0).id, jobs.get(2).id,
                jobs.get(3).id);
        Claim orphan = again.stream().filter(c -> c.job().id.equals(running.job().id)).findFirst().orElseThrow();
        assertThat(orphan.job().state).isEqualTo(JobState.RUNNING);
        assertThat(orphan.expiredFrom()).isNotNull();
        assertThat(again.stream().filter(c -> c != orphan)).allSatisfy(c -> assertThat(c.expiredFrom()).isNull());
    }

    @Test
    void aCancelledQueuedJobIsNeverClaimed() {
        JobRecord j = insertRun("a", "cli:a", 1, 0).getFirst();
        j.transition(JobState.CANCELLED, "cancelled while queued", Instant.now());
        records().update(j).join();
        assertThat(claim("n", 5)).isEmpty();
    }

    // ---- events --------------------------------------------------------------------------------------------------

    @Test
    void aPublishedEventReachesSubscribers() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = store.events().subscribe((name, json) -> got.add(name + " " + json.get("job_id")))) {
            var json = dev.causa.engine.json.Json.object();
            json.put("job_id", "J1");
            store.events().publish("job.queued", json);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (got.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
        }
        assertThat(got).containsExactly("job.queued \"J1\"");
    }
}
