package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreException;
import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.model.JobState;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store file gives a clear error and a way out, never a silent loss. */
class MapDbAdminTest {

    @TempDir
    Path dir;
    Path file;
    List<String> ids = new ArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        file = dir.resolve("causa.db");
        try (MapDbRecords store = MapDbRecords.open(file)) {
            List<CompletableFuture<Void>> saves = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                JobRecord job = new JobRecord();
                job.id = Ids.next();
                job.jobType = "t";
                job.actionType = "files.copy";
                job.transition(JobState.QUEUED, "dispatched", Instant.now());
                ids.add(job.id);
                saves.add(store.insert(List.of(job)));
            }
            CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
    }

    private void damageHeader() throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(100);
            raf.write(new byte[]{-1, -1, -1, -1, -1, -1, -1, -1});
        }
    }

    @Test
    void aHealthyStoreChecksOutAndBacksUpToAnEquivalentCopy() {
        StoreAdmin.Report check = new MapDbAdmin(file).check();
        assertThat(check.healthy()).isTrue();
        assertThat(check.jobs()).isEqualTo(50);

        Path backup = dir.resolve("backup.db");
        assertThat(new MapDbAdmin(file).backup(backup).jobs()).isEqualTo(50);
        try (MapDbRecords copy = MapDbRecords.open(backup)) {
            assertThat(copy.jobs(new JobQuery("files.copy", JobState.QUEUED, null, null, 0)).items())
                    .extracting(j -> j.id).containsExactlyElementsOf(ids.reversed());
        }
    }

    @Test
    void aDamagedHeaderIsReportedWithTheWayOutAndRepairRecoversEveryRecord() throws Exception {
        damageHeader();
        assertThatThrownBy(() -> MapDbRecords.open(file)).isInstanceOf(StoreDamagedException.class)
                .hasMessageContaining("is damaged").hasMessageContaining("causa store repair");

        StoreAdmin.Report repaired = new MapDbAdmin(file).repair();

        assertThat(repaired.jobs()).isEqualTo(50);
        assertThat(repaired.problems()).anySatisfy(p -> assertThat(p).contains(".damaged-"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("causa.db.damaged-"));
        }
        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertThat(store.jobs(JobQuery.inState(JobState.QUEUED)).items()).hasSize(50);
        }
    }

    @Test
    void aTruncatedStoreCannotBeRepairedButABackupRestoresIt() throws Exception {
        Path backup = dir.resolve("backup.db");
        new MapDbAdmin(file).backup(backup);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(1000);
        }

        assertThatThrownBy(() -> MapDbRecords.open(file)).isInstanceOf(StoreDamagedException.class);
        assertThatThrownBy(() -> new MapDbAdmin(file).repair()).isInstanceOf(StoreException.class)
                .hasMessageContaining("restore a backup");
        assertThat(file).as("a failed repair leaves the damaged file where it was").exists();

        new MapDbAdmin(file).restore(backup);
        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertThat(store.jobs(JobQuery.all(0)).items()).extracting(j -> j.id).containsExactlyElementsOf(ids.reversed());
        }
    }
}
