package dev.causa.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.json.Json;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.Claim;
import dev.causa.engine.store.LeaseLostException;
import dev.causa.engine.testkit.PostgresTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several nodes on one PostgreSQL database: claims, take-overs, wake-ups and events between them. */
class PostgresNodesTest {

    private static final Logger log = LoggerFactory.getLogger(PostgresNodesTest.class);
    private static final Duration LEASE = Duration.ofSeconds(30);

    private String url;
    private final List<PostgresStore> opened = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        url = PostgresTestServer.freshDatabase();
    }

    @AfterEach
    void dropDatabase() {
        opened.forEach(PostgresStore::close);
        PostgresTestServer.drop(url);
    }

    private PostgresStore node(String name) {
        PostgresStore store = new PostgresStore(PgUrl.parse(url), name);
        opened.add(store);
        return store;
    }

    static JobRecord queued(String type) {
        JobRecord j = new JobRecord();
        j.id = Ids.next();
        j.jobType = type;
        j.createdAt = Instant.now();
        j.transition(JobState.QUEUED, "dispatched", j.createdAt);
        return j;
    }

    private static void complete(PostgresStore store, Claim claim) {
        JobRecord job = claim.job();
        job.transition(JobState.RUNNING, "started", Instant.now());
        job.transition(JobState.COMPLETED, "completed", Instant.now());
        store.queue().release(claim.lease(), job).join();
    }

    @Test
    void twoNodesWithFourWorkersEachClaimEveryOneOf2000JobsExactlyOnce() throws Exception {
        PostgresStore a = node("node-a");
        PostgresStore b = node("node-b");
        List<JobRecord> jobs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) jobs.add(queued("work"));
        for (int i = 0; i < jobs.size(); i += 500) a.records().insert(jobs.subList(i, i + 500)).join();

        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger twice = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (PostgresStore store : List.of(a, b)) {
            for (int w = 0; w < 4; w++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    String node = store.node();
                    while (true) {
                        List<Claim> claims = store.queue().claim(node, 1, t -> true, Map.of(), LEASE);
                        if (claims.isEmpty()) return;
                        for (Claim c : claims) {
                            if (claimedBy.putIfAbsent(c.job().id, node) != null) twice.incrementAndGet();
                            complete(store, c);
                        }
                    }
                }));
            }
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : workers) t.join(TimeUnit.MINUTES.toMillis(2));
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.info("2 nodes x 4 workers: 2000 jobs claimed and completed in {} s ({} jobs/s)",
                String.format("%.2f", seconds), Math.round(2000 / seconds));

        assertThat(twice.get()).isZero();
        assertThat(claimedBy).hasSize(2000);
        assertThat(claimedBy.values()).contains("node-a", "node-b");
        assertThat(a.records().countByState()).containsExactly(Map.entry(JobState.COMPLETED, 2000L));
    }

    @Test
    void aLeaseThatExpiresIsTakenOverByAnotherNodeAndTheOldHolderCannotSettleTheJob() throws Exception {
        PostgresStore a = node("node-a");
        PostgresStore b = node("node-b");
        JobRecord j = queued("work");
        a.records().insert(List.of(j)).join();
        Claim first = a.queue().claim("node-a", 1, t -> true, Map.of(), Duration.ofMillis(200)).getFirst();
        first.job().transition(JobState.RUNNING, "started", Instant.now());
        a.queue().update(first.lease(), first.job()).join();
        assertThat(b.queue().claim("node-b", 1, t -> true, Map.of(), LEASE)).as("lease still live").isEmpty();

        Thread.sleep(300);
        List<Claim> taken = b.queue().claim("node-b", 1, t -> true, Map.of(), LEASE);
        assertThat(taken).hasSize(1);
        assertThat(taken.getFirst().expiredFrom()).isEqualTo("node-a");
        assertThat(taken.getFirst().job().state).isEqualTo(JobState.RUNNING);
        assertThat(taken.getFirst().lease().token()).isGreaterThan(first.lease().token());

        assertThat(a.queue().renew("node-a", List.of(j.id), LEASE)).containsExactly(j.id);
        JobRecord late = first.job();
        late.transition(JobState.COMPLETED, "completed by the node that lost its lease", Instant.now());
        assertThatThrownBy(() -> a.queue().release(first.lease(), late).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(LeaseLostException.class);
        assertThat(b.records().job(j.id).orElseThrow().state).isEqualTo(JobState.RUNNING);
        JobRecord mine = b.records().job(j.id).orElseThrow();
        mine.transition(JobState.COMPLETED, "completed", Instant.now());
        b.queue().release(taken.getFirst().lease(), mine).join();
        assertThat(a.records().job(j.id).orElseThrow().state).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aConcurrencyLimitHoldsAcrossNodesClaimingAtOnce() throws Exception {
        PostgresStore a = node("node-a");
        PostgresStore b = node("node-b");
        List<JobRecord> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) jobs.add(queued("limited"));
        a.records().insert(jobs).join();
        List<Claim> all = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (PostgresStore store : List.of(a, b, a, b, a, b)) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 5; i++) {
                    all.addAll(store.queue().claim(store.node(), 3, t -> true, Map.of("limited", 4), LEASE));
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) t.join();
        assertThat(all).hasSize(4);
    }

    @Test
    void aJobRecordUpdatedWithoutALeaseKeepsTheLeaseAnotherNodeHolds() {
        PostgresStore a = node("node-a");
        PostgresStore b = node("node-b");
        JobRecord j = queued("work");
        a.records().insert(List.of(j)).join();
        Claim claim = a.queue().claim("node-a", 1, t -> true, Map.of(), LEASE).getFirst();
        JobRecord seen = b.records().job(j.id).orElseThrow();
        seen.log("a note from another node");
        b.records().update(seen).join();
        assertThat(b.queue().claim("node-b", 1, t -> true, Map.of(), LEASE)).isEmpty();
        assertThat(a.queue().renew("node-a", List.of(j.id), LEASE)).isEmpty();
        complete(a, claim);
    }

    @Test
    void jobsQueuedOnOneNodeWakeTheOthers() throws Exception {
        PostgresStore a = node("node-a");
        PostgresStore b = node("node-b");
        CountDownLatch woken = new CountDownLatch(1);
        b.queue().onWork(woken::countDown);
        Thread.sleep(300); // b's LISTEN connection is up
        a.records().insert(List.of(queued("work"))).join();
        assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void eventsReachEveryNodeAndALargeOneArrivesWhole() throws Exception {
        PostgresStore a = node("node-a");
        PostgresStore b = node("node-b");
        List<String> atA = new CopyOnWriteArrayList<>();
        List<String> atB = new CopyOnWriteArrayList<>();
        a.events().subscribe((name, json) -> atA.add(name + " " + json.get("job_id").asText()));
        b.events().subscribe((name, json) -> atB.add(name + " " + json.get("job_id").asText() + " "
                + json.path("error").asText().length()));
        Thread.sleep(300);
        var small = Json.object().put("job_id", "J1");
        var large = Json.object().put("job_id", "J2").put("error", "x".repeat(20_000));
        a.events().publish("job.progress", small);
        a.events().publish("job.failed", large);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (atB.size() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(atA).containsExactly("job.progress J1", "job.failed J2");
        assertThat(atB).containsExactly("job.progress J1 0", "job.failed J2 20000");
    }

    @Test
    void eachOpenStoreIsANodeUntilItCloses() {
        PostgresStore a = node("node-a");
        PostgresStore b = node("node-b");
        b.heartbeat(List.of("files", "indexing"));
        assertThat(a.nodeList()).extracting(Nodes.Node::id).containsExactly("node-a", "node-b");
        assertThat(a.nodeList().get(1).plugins()).containsExactly("files", "indexing");
        assertThat(a.nodeList().getFirst().pid()).isEqualTo(ProcessHandle.current().pid());
        b.close();
        opened.remove(b);
        assertThat(a.nodeList()).extracting(Nodes.Node::id).containsExactly("node-a");
    }

    @Test
    void writesOfOneJobAreAppliedInTheOrderTheyWereHandedOver() {
        PostgresStore a = node("node-a");
        JobRecord j = queued("work");
        a.records().insert(List.of(j)).join();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            j.log("line " + i);
            writes.add(a.records().update(j));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        assertThat(a.records().job(j.id).orElseThrow().logs).endsWith("line 199");
    }
}
