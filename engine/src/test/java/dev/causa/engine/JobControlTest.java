package dev.causa.engine;

import dev.causa.engine.model.CausaException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.action.ActionRun;
import dev.causa.engine.model.JobState;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.testkit.StepsJob;
import dev.causa.engine.testkit.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pause, resume, cancel and retry, as a user drives them. */
class JobControlTest {

    @TempDir
    Path home;
    Causa causa;

    @BeforeEach
    void open() {
        StepsJob.reset();
        causa = TestEngine.open(home);
        causa.startWorkers();
    }

    @AfterEach
    void close() {
        causa.close();
    }

    private String startHeld(String name, int steps, int holdBefore) throws Exception {
        ActionRun run = causa.runAction("test.steps", TestEngine.steps(name, 1, steps, holdBefore), "cli:alice");
        String id = run.jobIds().getFirst();
        assertThat(StepsJob.atGate(id).tryAcquire(30, TimeUnit.SECONDS)).as("job reached its gate").isTrue();
        return id;
    }

    @Test
    void pauseThenResumeContinuesFromTheCheckpointWithoutRedoingSteps() throws Exception {
        String id = startHeld("docs", 10, 4);

        assertThat(causa.pause(id).get(30, TimeUnit.SECONDS)).isEqualTo(JobState.PAUSED);
        JobRecord paused = causa.job(id);
        assertThat(paused.state).isEqualTo(JobState.PAUSED);
        assertThat(paused.checkpoint.path("next").asInt()).isEqualTo(4);
        assertThat(StepsJob.RAN.get(id)).containsExactly(0, 1, 2, 3);

        StepsJob.gate(id).release();
        JobRecord done = causa.resume(id).get(30, TimeUnit.SECONDS);

        assertThat(done.state).isEqualTo(JobState.COMPLETED);
        assertThat(StepsJob.RAN.get(id)).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(causa.job(id).history).extracting(StateChange::state).containsExactly(
                JobState.QUEUED, JobState.RUNNING, JobState.PAUSED, JobState.RUNNING, JobState.COMPLETED);
        assertThat(causa.job(id).history.get(3).reason()).isEqualTo("resumed from its last checkpoint");
        assertThat(done.attempts).as("a resume is not a new attempt").isEqualTo(1);
    }

    @Test
    void pauseAndResumeSurviveReopeningTheStore() throws Exception {
        String id = startHeld("docs", 6, 2);
        causa.pause(id).get(30, TimeUnit.SECONDS);
        causa.close();

        StepsJob.gate(id).release();
        causa = TestEngine.open(home);
        causa.startWorkers();
        assertThat(causa.job(id).state).as("a user's pause holds across restarts").isEqualTo(JobState.PAUSED);
        JobRecord done = causa.resume(id).get(30, TimeUnit.SECONDS);

        assertThat(done.state).isEqualTo(JobState.COMPLETED);
        assertThat(StepsJob.RAN.get(id)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(done.actionContext.context()).containsEntry("name", "docs");
    }

    @Test
    void cancelEndsTheJobButKeepsItsHistoryAndContext() throws Exception {
        String id = startHeld("big", 100, 5);

        assertThat(causa.cancel(id).get(30, TimeUnit.SECONDS)).isEqualTo(JobState.CANCELLED);
        JobRecord job = causa.job(id);
        assertThat(job.state).isEqualTo(JobState.CANCELLED);
        assertThat(job.history).extracting(StateChange::state)
                .containsExactly(JobState.QUEUED, JobState.RUNNING, JobState.CANCELLED);
        assertThat(job.actionContext.actionType()).isEqualTo("test.steps");
        assertThat(causa.jobs(new dev.causa.engine.store.JobQuery(null, JobState.CANCELLED, null, null, 0)))
                .extracting(j -> j.id).containsExactly(id);
        ActionRecord action = causa.completion(job.actionId).get(30, TimeUnit.SECONDS);
        assertThat(action.status).as("an action whose job was cancelled did not complete")
                .isEqualTo(ActionRecord.Status.FAILED);
        assertThat(causa.actionRun(job.actionId).status).isEqualTo(ActionRecord.Status.FAILED);
    }

    @Test
    void aQueuedJobCanBeCancelledBeforeItRuns() throws Exception {
        causa.close();
        causa = TestEngine.open(home); // no workers: the job stays queued
        ActionRun run = causa.runAction("test.steps", TestEngine.steps("later", 1, 3, -1), "cli:alice");
        String id = run.jobIds().getFirst();

        causa.cancel(id).get(30, TimeUnit.SECONDS);

        assertThat(causa.job(id).state).isEqualTo(JobState.CANCELLED);
        assertThat(StepsJob.RAN).doesNotContainKey(id);
    }

    @Test
    void impossibleRequestsAreRefusedWithTheReason() throws Exception {
        ActionRun run = causa.runAction("test.steps", TestEngine.steps("quick", 1, 1, -1), "cli:alice");
        run.done().get(30, TimeUnit.SECONDS);
        String id = run.jobIds().getFirst();

        assertThatThrownBy(() -> causa.pause(id)).isInstanceOf(CausaException.class)
                .hasMessage("job " + id + " is completed and cannot become paused");
        assertThatThrownBy(() -> causa.retry(id)).hasMessageContaining("is completed and cannot become queued");
        assertThatThrownBy(() -> causa.cancel("0000")).isInstanceOfSatisfying(CausaException.class,
                e -> assertThat(e.kind()).isEqualTo(CausaException.Kind.NOT_FOUND));
    }

    @Test
    void failedJobsAreRetriedWithExponentialBackoffThenSucceed() throws Exception {
        ActionRun run = causa.runAction("test.steps",
                "{\"name\":\"flaky\",\"steps\":2,\"fail_with\":\"network down\",\"fail_attempts\":2}", "cli:alice");
        ActionRecord action = run.done().get(30, TimeUnit.SECONDS);

        JobRecord job = causa.job(run.jobIds().getFirst());
        assertThat(action.status).isEqualTo(ActionRecord.Status.COMPLETED);
        assertThat(job.state).isEqualTo(JobState.COMPLETED);
        assertThat(job.attempts).isEqualTo(3);
        List<StateChange> h = job.history;
        assertThat(h).extracting(StateChange::state).containsExactly(
                JobState.QUEUED, JobState.RUNNING, JobState.FAILED, JobState.QUEUED, JobState.RUNNING,
                JobState.FAILED, JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED);
        assertThat(h.get(2).reason()).isEqualTo("failed: network down (attempt 1)");
        assertThat(h.get(3).reason()).isEqualTo("automatic retry 2/3 in 50 ms");
        assertThat(h.get(6).reason()).isEqualTo("automatic retry 3/3 in 100 ms");
        // the wait before each new attempt is at least the policy's backoff
        assertThat(Duration.between(h.get(2).at(), h.get(4).at())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(Duration.between(h.get(5).at(), h.get(7).at())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aUserRetriesAJobThatUsedUpItsAttempts() throws Exception {
        ActionRun run = causa.runAction("test.steps",
                "{\"name\":\"stubborn\",\"steps\":1,\"fail_with\":\"nope\",\"fail_attempts\":3}", "cli:alice");
        run.done().get(30, TimeUnit.SECONDS);
        String id = run.jobIds().getFirst();
        assertThat(causa.job(id).state).isEqualTo(JobState.FAILED);

        JobRecord done = causa.retry(id).get(30, TimeUnit.SECONDS);

        assertThat(done.state).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts).isEqualTo(4);
        assertThat(done.history.get(done.history.size() - 3).reason()).isEqualTo("retry requested");
    }
}
