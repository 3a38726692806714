package dev.causa.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.api.JobOptions;
import dev.causa.engine.Causa;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.testkit.ChildEngine;
import dev.causa.engine.testkit.LimitChild;
import dev.causa.engine.testkit.LimitedJob;
import dev.causa.engine.testkit.OrderJob;
import dev.causa.engine.testkit.TestEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Higher priority is claimed first; a job type's concurrency limit holds under load and after a crash. */
class PriorityAndLimitsTest {

    @TempDir
    Path home;

    private Causa open(int workers) {
        return Causa.open(new Causa.Options(home, List.of(), workers, TestEngine.extensions()));
    }

    @Test
    void aHighPriorityJobOvertakesQueuedLowPriorityOnes() throws Exception {
        OrderJob.reset();
        try (Causa causa = open(1)) {
            causa.startWorkers();
            var blocker = causa.dispatch(OrderJob.TYPE, "{\"label\":\"blocker\",\"gate\":true}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!OrderJob.STARTED.contains("blocker") && System.nanoTime() < deadline) Thread.sleep(2);
            List<String> low = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                low.add(causa.dispatch(OrderJob.TYPE, "{\"label\":\"low" + i + "\",\"gate\":false}").id());
            }
            var high = causa.dispatch(OrderJob.TYPE, "{\"label\":\"high\",\"gate\":false}", JobOptions.priority(10));
            OrderJob.GATE.countDown();
            high.finished().get(10, TimeUnit.SECONDS);
            for (String id : low) causa.liveJob(id).ifPresent(j -> j.finished().join());

            assertThat(OrderJob.STARTED).containsExactly("blocker", "high", "low0", "low1", "low2", "low3", "low4");
            assertThat(causa.job(high.id()).priority).isEqualTo(10);
            assertThat(blocker.finished().get(10, TimeUnit.SECONDS).state).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void aLimitOfTwoIsNeverExceededUnderLoad() throws Exception {
        LimitedJob.reset();
        try (Causa causa = open(6)) {
            causa.startWorkers();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) ids.add(causa.dispatch(LimitedJob.TYPE, "{\"millis\":5,\"hang\":false}").id());
            for (String id : ids) causa.liveJob(id).ifPresent(j -> j.finished().join());

            assertThat(LimitedJob.DONE.get()).isEqualTo(40);
            assertThat(LimitedJob.MOST.get()).as("most running at once").isEqualTo(2);
        }
    }

    @Test
    void aLimitSetInCausaConfOverridesTheJobType() throws Exception {
        LimitedJob.reset();
        Files.writeString(home.resolve("causa.conf"), "# one at a time\nlimit.test.limited = 1\n");
        try (Causa causa = open(4)) {
            causa.startWorkers();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) ids.add(causa.dispatch(LimitedJob.TYPE, "{\"millis\":5,\"hang\":false}").id());
            for (String id : ids) causa.liveJob(id).ifPresent(j -> j.finished().join());

            assertThat(LimitedJob.DONE.get()).isEqualTo(12);
            assertThat(LimitedJob.MOST.get()).isEqualTo(1);
        }
    }

    @Test
    void theLimitHoldsAfterACrashLeftJobsRunning() throws Exception {
        LimitedJob.reset();
        Process child = ChildEngine.spawn(LimitChild.class, home.toString());
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            assertThat(out.readLine()).isEqualTo("READY 2");
        } finally {
            child.destroyForcibly(); // SIGKILL: two jobs stay marked running, one queued
            child.waitFor(10, TimeUnit.SECONDS);
        }
        try (Causa causa = open(4)) {
            assertThat(causa.jobs(JobQuery.inState(JobState.RUNNING))).hasSize(2);
            for (int i = 0; i < 6; i++) causa.dispatch(LimitedJob.TYPE, "{\"millis\":20,\"hang\":false}");
            causa.startWorkers();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (causa.jobs(JobQuery.inState(JobState.COMPLETED)).size() < 9 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<JobRecord> all = causa.jobs(JobQuery.all(0));
            assertThat(all).hasSize(9).allSatisfy(j -> assertThat(j.state).isEqualTo(JobState.COMPLETED));
            assertThat(LimitedJob.MOST.get()).as("most running at once after the restart").isEqualTo(2);
            assertThat(all.stream().filter(j -> j.history.stream()
                    .anyMatch(h -> "interrupted: causa stopped while the job ran".equals(h.reason())))).hasSize(2);
        }
    }
}
