package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreException;
import java.util.NavigableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Steps a store file up to {@link #SCHEMA_VERSION} on open, one version at a time, each step in one commit. */
final class Migrations {

    /**
     * 1: records are JSON text, one index entry per id. 2: records may also be Smile ({@link RecordCodec}), which
     * causa before 2 cannot read, and the action-type indexes are blocks of ids ({@link IdBlocks}).
     */
    static final int SCHEMA_VERSION = 2;
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** @throws StoreException if the file is newer than this causa understands */
    static void migrate(MapDbFile file) {
        String version = file.meta.get("schema_version");
        if (version == null) {
            file.meta.put("schema_version", Integer.toString(SCHEMA_VERSION));
            file.db.commit();
            return;
        }
        int stored = Integer.parseInt(version);
        if (stored > SCHEMA_VERSION) {
            throw new StoreException("the store " + file.path + " has schema version " + version
                    + ", newer than this causa understands (" + SCHEMA_VERSION + "): upgrade causa");
        }
        if (stored < 2) {
            // version 1 kept one (code, id) entry per job in the action-type indexes: move them into blocks. Its
            // JSON records still read; records are written as Smile from now on, which an older causa would pass
            // over as unreadable (and its store repair would drop): the version keeps it out.
            toBlocks(file, "idx_job_action_type", file.indexes.byActionType);
            toBlocks(file, "idx_action_type", file.indexes.runsByType);
            file.meta.put("schema_version", "2");
            file.db.commit();
            log.info("store {} migrated to schema version 2", file.path);
        }
    }

    private static void toBlocks(MapDbFile file, String oldIndex, IdBlocks blocks) {
        if (!file.db.exists(oldIndex)) return;
        NavigableSet<long[]> old = Indexes.pairs(file.db, oldIndex);
        Indexes.IdBatch batch = new Indexes.IdBatch();
        for (long[] pair : old) batch.add(pair[0], pair[1]);
        batch.writeTo(blocks);
        old.clear();
    }
}
