package dev.causa.engine.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.api.RetryPolicy;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.event.EventBus;
import dev.causa.engine.job.JobManager;
import dev.causa.engine.model.JobState;
import dev.causa.engine.plugin.PluginHost;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.ForwardingRecordStore;
import dev.causa.engine.testkit.TestStores;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.testkit.StepsJob;
import dev.causa.engine.testkit.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ActionDispatcher#submit}: the acknowledgement is the commit. The store here holds back the commit of an
 * action and its jobs until the test lets it go (or fails it), so what happens before the commit can be seen.
 */
class SubmitActionTest {

    @TempDir
    Path dir;
    Store real;
    EventBus events;
    PluginHost plugins;
    Gated store;
    JobManager jobs;
    ActionDispatcher dispatcher;

    @BeforeEach
    void open() {
        StepsJob.reset();
        real = TestStores.mapdb(dir.resolve("causa.db"), base -> store = new Gated(base));
        events = new EventBus();
        plugins = new PluginHost(dir.resolve("plugins"), List.of(), dir.resolve("plugin-data"), "0.1.0",
                TestEngine.extensions());
        plugins.start();
        jobs = new JobManager(real, plugins::extensions, events, type -> RetryPolicy.NONE, TestStores.settings(1));
        ActionRuns runs = new ActionRuns(real.records(), events);
        jobs.setLifecycle(runs);
        dispatcher = new ActionDispatcher(plugins, jobs, real.records(), events, runs);
        jobs.start();
    }

    @AfterEach
    void close() {
        store.gate.complete(null);
        jobs.close();
        plugins.close();
        events.close();
        real.close();
    }

    @Test
    void theFutureCompletesOnlyOnceTheActionAndItsJobsAreCommittedAndNothingRunsBefore() throws Exception {
        CompletableFuture<ActionRun> acked = dispatcher.submit("test.steps", TestEngine.steps("held", 2, 1, -1),
                "cli:alice");
        CompletableFuture<Boolean> readableAtAck = acked.thenApply(run -> store.action(run.actionId()).isPresent()
                && run.jobIds().stream().allMatch(id -> store.job(id).isPresent()));

        Thread.sleep(200); // time enough for a commit, and for a worker to take a queued job
        assertThat(acked).isNotDone();
        assertThat(store.actions(ActionQuery.ofType(null, 0)).items()).isEmpty();
        assertThat(store.jobs(JobQuery.all(0)).items()).isEmpty();
        assertThat(jobs.liveJobs()).isEmpty();
        assertThat(StepsJob.RAN).isEmpty();

        store.gate.complete(null);
        ActionRun run = acked.get(10, TimeUnit.SECONDS);
        assertThat(readableAtAck.get(10, TimeUnit.SECONDS)).as("the record and jobs are stored when acked").isTrue();
        assertThat(run.done().get(10, TimeUnit.SECONDS).status).isEqualTo(ActionRecord.Status.COMPLETED);
        assertThat(StepsJob.RAN).hasSize(2);
    }

    @Test
    void aFailedCommitFailsTheFutureWithTheErrorRunGivesAndRunsNothing() throws Exception {
        store.gate.completeExceptionally(new IllegalStateException("disk on fire"));
        CompletableFuture<ActionRun> acked = dispatcher.submit("test.steps", TestEngine.steps("lost", 1, 1, -1),
                "cli:alice");
        assertThatThrownBy(() -> acked.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(CausaException.class,
                        e -> assertThat(e.kind()).isEqualTo(CausaException.Kind.ENGINE))
                .hasMessage("store: disk on fire");
        assertThatThrownBy(() -> dispatcher.run("test.steps", TestEngine.steps("lost", 1, 1, -1), "cli:alice"))
                .isInstanceOfSatisfying(CausaException.class,
                        e -> assertThat(e.kind()).isEqualTo(CausaException.Kind.ENGINE))
                .hasMessage("store: disk on fire");
        Thread.sleep(100);
        assertThat(jobs.liveJobs()).isEmpty();
        assertThat(StepsJob.RAN).isEmpty();
    }

    @Test
    void badInputThrowsAtOnceAndStoresNothing() {
        store.gate.complete(null);
        assertRefused("test.steps", "{\"name\": ", CausaException.Kind.BAD_INPUT, "invalid JSON input for test.steps");
        assertRefused("test.steps", "{\"steps\":2}", CausaException.Kind.BAD_INPUT, "test.steps: name is required");
        assertRefused("test.steps", "{\"name\":\"x\",\"steps\":1,\"colour\":\"red\"}", CausaException.Kind.BAD_INPUT,
                "unknown field 'colour' in the input of test.steps");
        assertRefused("test.nope", "{}", CausaException.Kind.NOT_FOUND, "unknown action type 'test.nope'");
        assertThat(store.actionSaves).isZero();
        assertThat(store.actions(ActionQuery.ofType(null, 0)).items()).isEmpty();
        assertThat(store.jobs(JobQuery.all(0)).items()).isEmpty();
    }

    private void assertRefused(String type, String json, CausaException.Kind kind, String message) {
        String fromRun = null;
        try {
            dispatcher.run(type, json, "cli:alice");
        } catch (CausaException e) {
            fromRun = e.getMessage();
        }
        String expected = fromRun;
        assertThat(expected).contains(message);
        assertThatThrownBy(() -> dispatcher.submit(type, json, "cli:alice"))
                .isInstanceOfSatisfying(CausaException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(expected);
    }

    @Test
    void manySubmissionsInFlightFromOneThreadAllCompleteAndAllTheirJobsRun() throws Exception {
        store.gate.complete(null);
        int n = 300;
        List<CompletableFuture<ActionRun>> acks = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            acks.add(dispatcher.submit("test.steps", TestEngine.steps("n" + i, 1, 1, -1), "cli:alice"));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<CompletableFuture<ActionRecord>> done = acks.stream().map(f -> f.join().done()).toList();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(done).allSatisfy(f -> assertThat(f.join().status).isEqualTo(ActionRecord.Status.COMPLETED));
        assertThat(StepsJob.RAN).hasSize(n);
        List<JobRecord> stored = store.jobs(JobQuery.all(0)).items();
        assertThat(stored).hasSize(n).allSatisfy(j -> assertThat(j.state).isEqualTo(JobState.COMPLETED));
        assertThat(store.actions(ActionQuery.ofType(null, 0)).items()).hasSize(n);
    }

    /** Holds the commit of actions (with their jobs) until {@link #gate} completes; fails them if it fails. */
    static final class Gated extends ForwardingRecordStore {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        volatile int actionSaves;

        Gated(RecordStore store) {
            super(store);
        }

        @Override
        public CompletableFuture<Void> insert(ActionRecord action, List<JobRecord> jobs) {
            actionSaves++;
            return gate.thenCompose(v -> store.insert(action, jobs));
        }

        @Override
        public CompletableFuture<Void> update(ActionRecord action) {
            actionSaves++;
            return gate.thenCompose(v -> store.update(action));
        }
    }
}
