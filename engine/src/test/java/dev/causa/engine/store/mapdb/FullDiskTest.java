package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.store.JobQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.testkit.FillUntilFull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during a commit loses nothing committed before it. The store lives on a real 3 MiB tmpfs
 * (mounting one needs root, which the test machines and CI have); a child process writes until a commit fails.
 */
class FullDiskTest {

    @TempDir
    Path tmp;
    Path mount;

    @BeforeEach
    void mountTinyDisk() throws Exception {
        mount = tmp.resolve("tiny");
        Files.createDirectories(mount);
        run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "--lazy", mount.toString());
    }

    @Test
    void commitsBeforeTheDiskFilledAreAllThereAfterReopening() throws Exception {
        Path file = mount.resolve("causa.db");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dcausa.store.reserveBytes=65536",
                "-cp", System.getProperty("java.class.path"), FillUntilFull.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int committed = Integer.parseInt(out.stream().filter(l -> l.startsWith("COMMITTED ")).findFirst()
                .orElseThrow(() -> new AssertionError("child said: " + out)).substring(10));
        assertThat(out).as("the disk filled up and a commit failed")
                .anySatisfy(l -> assertThat(l).startsWith("FAILURE commit failed: cannot write to " + file
                        + ": the disk is probably full (free some space and try again)"));
        assertThat(committed).isPositive();

        run("mount", "-o", "remount,size=64m", mount.toString()); // the user frees space
        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertThat(store.jobs(new JobQuery("disk.fill", null, null, null, 0)).items()).hasSize(committed);
        }
        // the commit that failed half-way may have left its (never acknowledged) record unreadable: check names
        // it, repair drops it, and every acknowledged job stays
        StoreAdmin.Report check = new MapDbAdmin(file).check();
        assertThat(check.jobs()).isEqualTo(committed);
        new MapDbAdmin(file).repair();
        StoreAdmin.Report repaired = new MapDbAdmin(file).check();
        assertThat(repaired.healthy()).as(repaired.toString()).isTrue();
        assertThat(repaired.jobs()).isEqualTo(committed);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (this test needs root to mount a tmpfs): "
                    + output);
        }
    }
}
