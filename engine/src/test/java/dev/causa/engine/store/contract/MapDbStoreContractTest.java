package dev.causa.engine.store.contract;

import dev.causa.engine.store.Store;
import dev.causa.engine.testkit.TestStores;
import java.nio.file.Path;

/** The storage contract on the MapDB backend. */
class MapDbStoreContractTest extends StoreContract {

    @Override
    protected Store open(Path dir) {
        return TestStores.mapdb(dir.resolve("causa.db"));
    }
}
