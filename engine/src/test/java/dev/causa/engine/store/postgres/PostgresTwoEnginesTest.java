package dev.causa.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import dev.causa.engine.job.JobSettings;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Store;
import dev.causa.engine.testkit.PostgresTestServer;
import dev.causa.engine.testkit.StepsJob;
import dev.causa.engine.testkit.TestEngine;
import dev.causa.engine.view.ActiveJob;
import dev.causa.engine.view.NodeView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines (two nodes) on one PostgreSQL database, in one JVM: a pause, cancel or resume asked on the node that
 * does not run a job reaches the one that does; progress of a job on one node reaches the other; a job followed on
 * one node ends there when another node finishes it; unresolved means no live node offers the type.
 */
class PostgresTwoEnginesTest {

    @TempDir
    Path homeA;
    @TempDir
    Path homeB;
    private String url;
    private final List<Causa> opened = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        url = PostgresTestServer.freshDatabase();
        StepsJob.reset();
    }

    @AfterEach
    void close() {
        opened.forEach(Causa::close);
        PostgresTestServer.drop(url);
    }

    /** An engine that is node {@code name} (in one JVM the default name, host and pid, would be shared). */
    private Causa node(String name, Path home, List<Object> extensions) {
        Causa causa = new Causa.Builder(new Causa.Options(home, List.of(), 2, extensions)) {
            @Override
            protected Store createStore() {
                return new PostgresStore(PgUrl.parse(url), name);
            }

            @Override
            protected JobSettings createJobSettings() {
                return new JobSettings(name, 2, Duration.ofSeconds(2), Map.of());
            }
        }.store(url).build();
        opened.add(causa);
        return causa;
    }

    private static String heldJob(Causa a, String name) throws Exception {
        ActionRun run = a.runAction("test.steps", TestEngine.steps(name, 1, 4, 1), "cli:alice");
        String id = run.jobIds().getFirst();
        assertThat(StepsJob.atGate(id).tryAcquire(30, TimeUnit.SECONDS)).as("job reached its gate").isTrue();
        return id;
    }

    @Test
    void aPauseAskedOnAnotherNodeStopsTheJobWhereItRunsAndAResumeThereFinishesIt() throws Exception {
        Causa a = node("node-a", homeA, TestEngine.extensions());
        Causa b = node("node-b", homeB, TestEngine.extensions());
        a.startWorkers();
        String id = heldJob(a, "Paused");
        assertThat(a.nodes()).filteredOn(n -> n.id().equals("node-a")).singleElement()
                .satisfies(n -> assertThat(n.running()).contains(id));

        JobState settled = b.pause(id).get(15, TimeUnit.SECONDS);
        assertThat(settled).isEqualTo(JobState.PAUSED);
        JobRecord paused = a.job(id);
        assertThat(paused.state).isEqualTo(JobState.PAUSED);
        assertThat(paused.history).extracting(StateChange::reason).contains("paused")
                .noneMatch(r -> r != null && r.contains("its process had stopped"));

        StepsJob.gate(id).release(); // the resumed run passes its gate at once
        JobRecord end = b.resume(id).get(30, TimeUnit.SECONDS);
        assertThat(end.state).isEqualTo(JobState.COMPLETED);
        assertThat(a.job(id).history).extracting(StateChange::state).filteredOn(s -> s == JobState.COMPLETED)
                .hasSize(1);
        ActionRecord action = a.completion(a.job(id).actionId).get(30, TimeUnit.SECONDS);
        assertThat(action.status).isEqualTo(ActionRecord.Status.COMPLETED);
    }

    @Test
    void aCancelAskedOnAnotherNodeCancelsTheRunningJob() throws Exception {
        Causa a = node("node-a", homeA, TestEngine.extensions());
        Causa b = node("node-b", homeB, TestEngine.extensions());
        a.startWorkers();
        String id = heldJob(a, "Cancelled");
        assertThat(b.cancel(id).get(15, TimeUnit.SECONDS)).isEqualTo(JobState.CANCELLED);
        assertThat(a.job(id).state).isEqualTo(JobState.CANCELLED);
        assertThat(a.job(id).lastReason()).isEqualTo("cancelled while running");
    }

    @Test
    void anotherNodeSeesTheProgressOfAJobAndItsEndAndFollowsItToTheEnd() throws Exception {
        Causa a = node("node-a", homeA, TestEngine.extensions());
        Causa b = node("node-b", homeB, TestEngine.extensions());
        List<CausaEvent> atB = new CopyOnWriteArrayList<>();
        b.events().subscribe(atB::add);
        Thread.sleep(500); // b's LISTEN connection is up: events sent before it are not heard
        a.startWorkers();
        String id = heldJob(a, "Watched");
        ActiveJob followed = b.activeJob(id).orElseThrow(); // what job watch follows
        assertThat(followed.state()).as("stored lazily as running").isIn(JobState.QUEUED, JobState.RUNNING);
        StepsJob.gate(id).release();
        JobRecord end = followed.finished().get(30, TimeUnit.SECONDS);
        assertThat(end.state).isEqualTo(JobState.COMPLETED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (atB.stream().noneMatch(e -> e.name().equals(Events.JOB_COMPLETED)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(atB).filteredOn(e -> id.equals(e.json().path("job_id").asText())).extracting(CausaEvent::name)
                .contains(Events.JOB_STARTED, Events.JOB_PROGRESS, Events.JOB_COMPLETED)
                .doesNotContain(Events.JOB_CONTROL);
        assertThat(b.activeJob(id)).as("let go once finished elsewhere").isEmpty();
    }

    @Test
    void aJobTypeIsUnresolvedOnlyWhereNoLiveNodeOffersIt() throws Exception {
        Causa a = node("node-a", homeA, TestEngine.extensions());
        Causa b = node("node-b", homeB, List.of()); // no plugins of its own
        assertThat(b.isUnresolved(StepsJob.TYPE)).as("node-a runs no workers yet").isTrue();
        a.startWorkers();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (b.isUnresolved(StepsJob.TYPE) && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(b.isUnresolved(StepsJob.TYPE)).isFalse();
        assertThat(b.isUnresolved("nobody_offers_this")).isTrue();
        assertThat(b.nodes()).extracting(NodeView::id).containsExactly("node-a", "node-b");
        assertThat(b.nodes()).allMatch(NodeView::alive).filteredOn(NodeView::self).extracting(NodeView::id)
                .containsExactly("node-b");
    }

    @Test
    void jobsDispatchedOnOneNodeAndRunOnAnotherCloseTheirActionOnBoth() throws Exception {
        Causa a = node("node-a", homeA, TestEngine.extensions());
        Causa b = node("node-b", homeB, TestEngine.extensions());
        b.startWorkers(); // only b runs work
        ActionRun run = a.runAction("test.steps", TestEngine.steps("Elsewhere", 20, 2, -1), "cli:alice");
        ActionRecord done = a.completion(run.actionId()).get(60, TimeUnit.SECONDS);
        assertThat(done.status).isEqualTo(ActionRecord.Status.COMPLETED);
        assertThat(a.jobs(JobQuery.ofAction(run.actionId()))).hasSize(20)
                .allMatch(j -> j.state == JobState.COMPLETED);
        assertThat(a.activeJobs()).as("a lets go of jobs b finished").isEmpty();
    }
}
