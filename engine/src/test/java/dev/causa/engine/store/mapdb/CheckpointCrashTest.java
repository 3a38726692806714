package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.model.JobState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a checkpoint, with MapDB holding the whole overlay but not yet committed: on reopen
 * MapDB is as its last commit left it, the journals are replayed, and every acknowledged job is there, in its
 * state, found through every index. A real child JVM, killed with SIGKILL.
 */
class CheckpointCrashTest {

    @TempDir
    Path dir;

    @Test
    void aCrashBetweenApplyingACheckpointAndCommittingItLosesNothing() throws Exception {
        Path file = dir.resolve("causa.db");
        int n = 3_000;
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), CheckpointCrashChild.class.getName(), file.toString(),
                Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> said = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                said.add(line);
                if (line.equals("APPLIED")) break;
            }
        }
        assertThat(said).as("the child acknowledged its jobs and reached the checkpoint's commit")
                .containsExactly("ACKED " + n, "APPLIED");
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertThat(store.jobs(JobQuery.all(0)).items()).hasSize(n);
            assertThat(store.jobs(new JobQuery("crash.even", null, null, null, 0)).items()).hasSize(n / 2);
            assertThat(store.jobs(new JobQuery("crash.odd", null, null, null, 0)).items()).hasSize(n / 2);
            Map<JobState, Long> counts = store.countByState();
            assertThat(counts.get(JobState.COMPLETED)).isEqualTo(n / 6);
            assertThat(counts.get(JobState.RUNNING)).isEqualTo(n / 3 - n / 6);
            assertThat(counts.get(JobState.QUEUED)).isEqualTo(n - n / 3);
            assertThat(store.jobs(JobQuery.inState(JobState.QUEUED)).items()).hasSize(n - n / 3);
            assertThat(store.actions(ActionQuery.ofType("crash.even", 0)).items()).hasSize(1);
        }
        StoreAdmin.Report check = new MapDbAdmin(file).check();
        assertThat(check.healthy()).as(check.toString()).isTrue();
        assertThat(check.jobs()).isEqualTo(n);
    }
}
