package dev.causa.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.model.JobState;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.store.StoreInUseException;
import dev.causa.engine.testkit.ChildEngine;
import dev.causa.engine.testkit.StepsJob;
import dev.causa.engine.testkit.TestEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real engine process killed with SIGKILL mid-job, and the store reopened by another. */
class CrashRecoveryTest {

    @TempDir
    Path home;

    @Test
    void aJobRunningWhenTheProcessWasKilledResumesFromItsCheckpointWithItsContext() throws Exception {
        StepsJob.reset();
        Process child = ChildEngine.start(home, "crashy", 8, 5);
        String jobId;
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line = out.readLine();
            assertThat(line).as("child output").startsWith("HELD ");
            jobId = line.substring(5);

            assertThatThrownBy(() -> TestEngine.open(home)).as("the live process holds the store")
                    .isInstanceOf(StoreInUseException.class).hasMessageContaining("store in use");
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (Causa causa = TestEngine.open(home)) {
            JobRecord left = causa.job(jobId);
            assertThat(left.state).as("the crash left it running").isEqualTo(JobState.RUNNING);
            assertThat(left.checkpoint.path("next").asInt()).isEqualTo(5);

            StepsJob.gate(jobId).release();
            causa.startWorkers();
            causa.completion(left.actionId).get(30, TimeUnit.SECONDS);

            JobRecord done = causa.job(jobId);
            assertThat(done.state).isEqualTo(JobState.COMPLETED);
            assertThat(StepsJob.RAN.get(jobId)).as("only the steps after the checkpoint ran here")
                    .containsExactly(5, 6, 7);
            assertThat(done.history).extracting(StateChange::state).containsExactly(JobState.QUEUED,
                    JobState.RUNNING, JobState.PAUSED, JobState.RUNNING, JobState.COMPLETED);
            assertThat(done.history.get(2).reason()).isEqualTo("interrupted: causa stopped while the job ran");
            assertThat(done.history.get(3).reason()).isEqualTo("resumed from its last checkpoint");
            assertThat(done.actionContext.initiatedBy()).isEqualTo("cli:crash-test");
            assertThat(done.actionContext.context()).containsEntry("name", "crashy");
            assertThat(causa.actionRun(done.actionId).status)
                    .isEqualTo(dev.causa.engine.model.ActionRecord.Status.COMPLETED);
        }
    }

    @Test
    void jobsPausedByAnOrderlyExitResumeByThemselvesOnTheNextStart() throws Exception {
        StepsJob.reset();
        String id;
        try (Causa causa = TestEngine.open(home)) {
            causa.startWorkers();
            id = causa.runAction("test.steps", TestEngine.steps("exit", 1, 6, 3), "repl:alice").jobIds().getFirst();
            assertThat(StepsJob.atGate(id).tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        } // close(): the job is asked to stop at its next pause point
        try (Causa causa = TestEngine.open(home)) {
            JobRecord paused = causa.job(id);
            assertThat(paused.state).isEqualTo(JobState.PAUSED);
            assertThat(paused.lastReason()).isEqualTo("paused: causa is exiting; resumes on next start");

            StepsJob.gate(id).release();
            causa.startWorkers();
            causa.completion(paused.actionId).get(30, TimeUnit.SECONDS);
            assertThat(causa.job(id).state).isEqualTo(JobState.COMPLETED);
            assertThat(StepsJob.RAN.get(id)).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }
}
