package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.EventTransport;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import dev.causa.engine.store.WorkQueue;
import dev.causa.engine.store.local.LocalEventTransport;
import dev.causa.engine.store.local.LocalWorkQueue;
import java.nio.file.Path;

/**
 * A MapDB store file opened by one process: its records, and the in-process work queue and events that go with a
 * store only one process holds.
 */
public final class MapDbStore implements Store {

    private final MapDbRecords base;
    private final LocalWorkQueue queue;
    private final RecordStore records;
    private final EventTransport events = new LocalEventTransport();

    private MapDbStore(MapDbRecords base) {
        this.base = base;
        this.queue = new LocalWorkQueue(base);
        this.records = queue.feeding(base); // every write also feeds the queue
    }

    /** Opens the file (replaying its journals), then finds the work an earlier process left. */
    public static MapDbStore open(Path file) {
        MapDbRecords base = MapDbRecords.open(file);
        try {
            MapDbStore store = new MapDbStore(base);
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
            events.close();
        } finally {
            base.close();
        }
    }
}
