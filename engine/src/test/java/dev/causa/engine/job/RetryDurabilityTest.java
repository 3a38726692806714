package dev.causa.engine.job;

import dev.causa.engine.model.JobState;

import dev.causa.engine.store.ForwardingRecordStore;
import dev.causa.engine.testkit.TestStores;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import dev.causa.api.JobOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.api.ActionContext;
import dev.causa.api.RetryPolicy;
import dev.causa.engine.event.EventBus;
import dev.causa.engine.plugin.Contribution;
import dev.causa.engine.plugin.Extensions;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.testkit.StepsJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails with attempts left is re-queued in the same write that records the failure: were they two
 * writes, a crash between their commits would leave the job failed for good (found by bench/torture).
 */
class RetryDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void aFailureWithAttemptsLeftIsNeverStoredWithoutItsRetry() throws Exception {
        List<JobState> saved = new CopyOnWriteArrayList<>();
        StepsJob.reset();
        try (Store store = TestStores.mapdb(dir.resolve("causa.db"), base -> new Recording(base, saved));
             EventBus events = new EventBus()) {
            Extensions extensions = Extensions.of(List.of(), List.of(),
                    List.of(new Contribution<>(new StepsJob(), "test")));
            JobManager jobs = new JobManager(store, () -> extensions, events,
                    type -> RetryPolicy.exponential(3, Duration.ofMillis(10)), TestStores.settings(1));
            ActionContext context = new ActionContext("test.steps", Instant.now(), "cli:test", Map.of(), Map.of());
            LiveJob job = jobs.prepare(Ids.next(), StepsJob.TYPE,
                    new StepsJob.Payload(2, -1, "planned failure", 1, null),
                    new ActionLink(Ids.next(), context, Set.of()), null, JobOptions.DEFAULT);
            jobs.submit(List.of(job)).get(10, TimeUnit.SECONDS);
            jobs.start();
            JobRecord done = job.finished().get(10, TimeUnit.SECONDS);
            jobs.close();

            assertThat(done.state).isEqualTo(JobState.COMPLETED);
            assertThat(done.history).extracting(StateChange::state).containsSubsequence(JobState.FAILED,
                    JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED);
            assertThat(saved).as("states handed to the store").contains(JobState.QUEUED, JobState.COMPLETED)
                    .doesNotContain(JobState.FAILED);
        }
    }

    /** A store that notes the state of every job it is asked to save. */
    private static final class Recording extends ForwardingRecordStore {
        private final List<JobState> saved;

        Recording(RecordStore store, List<JobState> saved) {
            super(store);
            this.saved = saved;
        }

        @Override
        public CompletableFuture<Void> update(JobRecord job) {
            synchronized (job) {
                saved.add(job.state);
                return store.update(job);
            }
        }
    }
}
