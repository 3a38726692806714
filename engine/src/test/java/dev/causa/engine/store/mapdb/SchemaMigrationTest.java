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
import java.util.NavigableSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/** A store written in schema version 1 (one index entry per id) opens, migrates, and answers every listing. */
class SchemaMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aVersionOneStoreIsMigratedAndKeepsItsListings() throws Exception {
        Path file = dir.resolve("causa.db");
        List<String> copies = new ArrayList<>();
        String run = Ids.next();
        try (DB db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().transactionEnable().make()) {
            // the version 1 layout, as the first release wrote it
            BTreeMap<Long, byte[]> jobs = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY)
                    .valuesOutsideNodesEnable().createOrOpen();
            BTreeMap<Long, byte[]> actions = db.treeMap("actions", Serializer.LONG, Serializer.BYTE_ARRAY)
                    .valuesOutsideNodesEnable().createOrOpen();
            NavigableSet<long[]> byType = db.treeSet("idx_job_action_type", LongPairs.INSTANCE).createOrOpen();
            NavigableSet<long[]> runsByType = db.treeSet("idx_action_type", LongPairs.INSTANCE).createOrOpen();
            NavigableSet<long[]> byAction = db.treeSet("idx_job_action", LongPairs.INSTANCE).createOrOpen();
            BTreeMap<String, String> meta = db.treeMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
            BTreeMap<String, Long> codes = db.treeMap("type_codes", Serializer.STRING, Serializer.LONG).createOrOpen();
            codes.put("files.copy", 1L);
            codes.put("files.move", 2L);
            ActionRecord action = new ActionRecord();
            action.id = run;
            action.actionType = "files.copy";
            action.status = ActionRecord.Status.COMPLETED;
            actions.put(Ids.parse(run), Json.bytes(action));
            runsByType.add(LongPairs.of(1, Ids.parse(run)));
            for (int i = 0; i < 300; i++) {
                JobRecord job = new JobRecord();
                job.id = Ids.next();
                job.jobType = "copy";
                job.actionType = i % 3 == 0 ? "files.move" : "files.copy";
                job.actionId = run;
                job.createdAt = Instant.now();
                job.transition(JobState.QUEUED, "dispatched", job.createdAt);
                job.transition(JobState.RUNNING, "started", job.createdAt);
                job.transition(JobState.COMPLETED, "completed", job.createdAt);
                jobs.put(Ids.parse(job.id), Json.bytes(job));
                byType.add(LongPairs.of(i % 3 == 0 ? 2 : 1, Ids.parse(job.id)));
                byAction.add(LongPairs.of(Ids.parse(run), Ids.parse(job.id)));
                if (i % 3 != 0) copies.addFirst(job.id);
            }
            meta.put("schema_version", "1");
            db.commit();
        }

        for (int open = 0; open < 2; open++) { // migrated once, then opened as version 2
            try (MapDbRecords store = MapDbRecords.open(file)) {
                assertThat(store.jobs(new JobQuery("files.copy", null, null, null, 0)).items()).extracting(j -> j.id)
                        .isEqualTo(copies);
                assertThat(store.jobs(new JobQuery("files.move", null, null, null, 0)).items()).hasSize(100);
                assertThat(store.jobs(JobQuery.ofAction(run)).items()).hasSize(300);
                assertThat(store.actions(ActionQuery.ofType("files.copy", 0)).items()).extracting(a -> a.id).containsExactly(run);
            }
        }
        StoreAdmin.Report check = new MapDbAdmin(file).check();
        assertThat(check.healthy()).as(check.toString()).isTrue();
        assertThat(check.jobs()).isEqualTo(300);
    }
}
