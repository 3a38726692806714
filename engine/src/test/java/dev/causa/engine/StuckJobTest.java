package dev.causa.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.model.JobState;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.testkit.SpinJob;
import dev.causa.engine.testkit.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that never reaches a pause point: cancel cannot end its thread, so the engine reports it and keeps the word. */
class StuckJobTest {

    @TempDir
    Path home;

    @AfterEach
    void releaseSpinner() {
        SpinJob.release = true;
    }

    @Test
    void aStuckJobIsReportedAndItsCancelHoldsAfterARestart() throws Exception {
        SpinJob.release = false;
        String id;
        try (Causa causa = TestEngine.open(home)) {
            causa.startWorkers();
            LiveJob job = causa.dispatch(SpinJob.TYPE, "{\"note\":\"deaf\"}");
            id = job.id();
            assertThat(SpinJob.STARTED.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

            var cancelled = causa.cancel(id);
            assertThatThrownBy(() -> cancelled.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(causa.jobManager().stuck(Duration.ofMillis(100))).extracting(r -> r.id).containsExactly(id);
        } // the process "ends" with the job still spinning: its thread is abandoned
        SpinJob.release = true;

        try (Causa causa = TestEngine.open(home)) {
            causa.startWorkers(); // the job left running is claimed again, and its recorded cancel wins
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (causa.job(id).state == JobState.RUNNING && System.nanoTime() < deadline) Thread.sleep(5);
            var job = causa.job(id);
            assertThat(job.state).isEqualTo(JobState.CANCELLED);
            assertThat(job.lastReason()).isEqualTo("cancelled: it did not stop while causa ran");
        }
    }
}
