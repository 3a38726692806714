package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.EventTransport;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import dev.causa.engine.store.WorkQueue;
import dev.causa.engine.store.local.LocalEventTransport;
import dev.causa.engine.store.local.LocalWorkQueue;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A MapDB store file opened by one process: its records, and the in-process work queue and events that go with a
 * store only one process holds.
 */
public final class MapDbStore implements Store {

    private final MapDbRecords base;
    private final LocalWorkQueue queue;
    private final RecordStore records;
    private final EventTransport events = new LocalEventTransport();

    private MapDbStore(MapDbRecords base, RecordStore decorated) {
        this.base = base;
        this.queue = new LocalWorkQueue(decorated);
        this.records = queue.feeding(decorated); // every write also feeds the queue
    }

    /** Opens the file (replaying its journals), then finds the work an earlier process left. */
    public static MapDbStore open(Path file) {
        return open(file, UnaryOperator.identity());
    }

    /** {@link #open(Path)} with the records wrapped under the work queue by {@code decorate}: a test's seam. */
    public static MapDbStore open(Path file, UnaryOperator<RecordStore> decorate) {
        MapDbRecords base = MapDbRecords.open(file);
        try {
            MapDbStore store = new MapDbStore(base, decorate.apply(base));
            store.queue.recover();
            return store;
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public WorkQueue queue() {
        return queue;
    }

    @Override
    public EventTransport events() {
        return events;
    }

    @Override
    public dev.causa.engine.store.ScheduleStore schedules() {
        return base.schedules();
    }

    @Override
    public long sizeOnDisk() {
        return base.sizeOnDisk();
    }

    @Override
    public String location() {
        return base.file().toAbsolutePath().toString();
    }

    @Override
    public void close() {
        try {
            queue.close();
            events.close();
        } finally {
            base.close();
        }
    }
}
