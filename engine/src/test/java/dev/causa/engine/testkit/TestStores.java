package dev.causa.engine.testkit;

import dev.causa.engine.job.JobSettings;
import dev.causa.engine.store.mapdb.MapDbStore;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Real stores for tests that build the engine's parts themselves. */
public final class TestStores {

    private TestStores() {
    }

    /** A MapDB store in {@code file}; {@code decorate} wraps its records under the work queue. */
    public static Store mapdb(Path file, UnaryOperator<RecordStore> decorate) {
        return MapDbStore.open(file, decorate);
    }

    public static Store mapdb(Path file) {
        return mapdb(file, UnaryOperator.identity());
    }

    public static JobSettings settings(int workers) {
        return new JobSettings("test-node", workers, JobSettings.DEFAULT_LEASE, Map.of());
    }
}
