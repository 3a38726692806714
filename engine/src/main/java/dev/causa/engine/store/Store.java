package dev.causa.engine.store;

/**
 * One opened backend (DESIGN §10), as a {@link StoreProvider} made it from a store URL: the records, the work queue,
 * the event transport and, where the backend has them, maintenance tools. The engine sees nothing else of a backend.
 */
public interface Store extends AutoCloseable {

    RecordStore records();

    WorkQueue queue();

    EventTransport events();

    /**
     * The processes that use the store, where several may (DESIGN §11): empty for a store one process opens, whose
     * only node is this process.
     */
    default java.util.Optional<NodeRegistry> nodes() {
        return java.util.Optional.empty();
    }

    /** The schedules kept in this store; a backend without them refuses with one line. */
    default ScheduleStore schedules() {
        throw new StoreException("this store (" + location() + ") keeps no schedules");
    }

    /** The space the store takes, in bytes. */
    long sizeOnDisk();

    /** Where the store is, for people: a file, or a database URL without its password. */
    String location();

    /** Stops the backend after everything acknowledged is durable; leases held by this process end with it. */
    @Override
    void close();
}
