package dev.causa.engine.store.contract;

import dev.causa.engine.store.Store;
import dev.causa.engine.testkit.TestStores;
import java.nio.file.Path;

/** The record store's model-based property on the MapDB backend. */
class MapDbRecordStoreProperties extends RecordStoreProperties {

    @Override
    protected Store open(Path dir) {
        return TestStores.mapdb(dir.resolve("causa.db"));
    }
}
