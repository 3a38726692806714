package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/** A store written by a version that stored records as JSON text opens, lists, updates and backs up. */
class JsonStoreUpgradeTest {

    @TempDir
    Path dir;

    /**
     * Replaces every stored record's bytes by its JSON text and marks the store schema 1, as versions before Smile
     * left it.
     */
    private static void rewriteAsJson(Path file) {
        try (DB db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().transactionEnable().make()) {
            db.treeMap("meta", Serializer.STRING, Serializer.STRING).open().put("schema_version", "1");
            BTreeMap<Long, byte[]> jobs = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY)
                    .valuesOutsideNodesEnable().open();
            BTreeMap<Long, byte[]> actions = db.treeMap("actions", Serializer.LONG, Serializer.BYTE_ARRAY)
                    .valuesOutsideNodesEnable().open();
            for (Long id : new ArrayList<>(jobs.keySet())) {
                jobs.put(id, Json.bytes(RecordCodec.decode(jobs.get(id), JobRecord.class)));
            }
            for (Long id : new ArrayList<>(actions.keySet())) {
                actions.put(id, Json.bytes(RecordCodec.decode(actions.get(id), ActionRecord.class)));
            }
            db.commit();
            assertThat(jobs.values()).isNotEmpty().allSatisfy(bytes -> assertThat(bytes[0]).isEqualTo((byte) '{'));
            assertThat(actions.values()).isNotEmpty().allSatisfy(bytes -> assertThat(bytes[0]).isEqualTo((byte) '{'));
        }
    }

    @Test
    void aStoreOfJsonRecordsReadsAndNewWritesAreSmile() throws Exception {
        Path file = dir.resolve("causa.db");
        ActionRecord action = RecordCodecTest.fullAction();
        List<JobRecord> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JobRecord job = RecordCodecTest.fullJob();
            job.actionId = action.id;
            job.actionType = i % 2 == 0 ? "old.even" : "old.odd";
            job.parentJobId = null;
            jobs.add(job);
        }
        action.jobIds = jobs.stream().map(j -> j.id).toList(); // as the engine stores a run: it lists its jobs
        try (MapDbRecords store = MapDbRecords.open(file)) {
            store.insert(action, jobs).get(30, TimeUnit.SECONDS);
        }
        rewriteAsJson(file);

        JobRecord updated;
        try (MapDbRecords store = MapDbRecords.open(file)) {
            List<JobRecord> even = store.jobs(new JobQuery("old.even", null, null, null, 0)).items();
            assertThat(even).extracting(j -> j.id)
                    .containsExactlyElementsOf(jobs.stream().filter(j -> j.actionType.equals("old.even"))
                            .map(j -> j.id).toList().reversed());
            for (JobRecord read : even) {
                JobRecord written = jobs.stream().filter(j -> j.id.equals(read.id)).findFirst().orElseThrow();
                assertThat(Json.text(read)).isEqualTo(Json.text(written));
                assertThat(read.actionContext).isEqualTo(Json.read(Json.bytes(written), JobRecord.class).actionContext);
                assertThat(read.state).isEqualTo(JobState.FAILED);
            }
            assertThat(store.jobs(JobQuery.ofAction(action.id)).items()).hasSize(20);
            assertThat(store.jobs(JobQuery.inState(JobState.FAILED)).items()).hasSize(20);
            assertThat(Json.text(store.action(action.id).orElseThrow())).isEqualTo(Json.text(action));
            assertThat(store.actions(ActionQuery.ofType("files.copy", 0)).items()).extracting(a -> a.id).containsExactly(action.id);

            // an old record saved again is written in the new format, beside the old ones
            updated = store.job(jobs.getFirst().id).orElseThrow();
            updated.transition(JobState.QUEUED, "retry", Instant.now());
            store.update(updated).get(30, TimeUnit.SECONDS);
        }
        try (MapDbRecords store = MapDbRecords.open(file)) {
            assertThat(store.job(updated.id).orElseThrow().state).isEqualTo(JobState.QUEUED);
            assertThat(store.jobs(JobQuery.inState(JobState.QUEUED)).items()).extracting(j -> j.id).containsExactly(updated.id);
            // the store knew nothing of the old record's state but its index: the entry moved all the same
            assertThat(store.jobs(JobQuery.inState(JobState.FAILED)).items()).hasSize(19)
                    .extracting(j -> j.id).doesNotContain(updated.id);
            assertThat(store.jobs(JobQuery.all(0)).items()).hasSize(20);
        }
        try (DB db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().transactionEnable().make()) {
            byte[] bytes = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                    .open().get(Ids.parse(updated.id));
            assertThat(bytes[0]).isEqualTo((byte) ':');
            // marked, so that a causa from before Smile refuses the store instead of passing over its records
            assertThat(db.treeMap("meta", Serializer.STRING, Serializer.STRING).open().get("schema_version"))
                    .isEqualTo("2");
        }

        StoreAdmin.Report check = new MapDbAdmin(file).check();
        assertThat(check.healthy()).isTrue();
        assertThat(check.jobs()).isEqualTo(20);
        assertThat(check.actions()).isEqualTo(1);
        Path backup = dir.resolve("backup.db");
        assertThat(new MapDbAdmin(file).backup(backup).jobs()).isEqualTo(20);
        try (MapDbRecords copy = MapDbRecords.open(backup)) {
            assertThat(copy.jobs(new JobQuery("old.odd", null, null, null, 0)).items()).hasSize(10)
                    .allSatisfy(j -> assertThat(Json.text(j.actionContext)).isEqualTo(Json.text(jobs.getLast().actionContext)));
        }
    }
}
