package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreException;
import dev.causa.engine.store.StoreInUseException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The store file as MapDB opens it: the lock that keeps a second process out, the record maps, the indexes and the
 * {@code meta} map (schema version, journal epoch), brought up to {@link Migrations#SCHEMA_VERSION} on open.
 */
final class MapDbFile implements AutoCloseable {

    /**
     * Space kept free on the store's disk. MapDB cannot survive running out of space in the middle of a commit
     * (found by FullDiskTest: the B-tree is left inconsistent), so a commit that would come near it is refused
     * whole, before anything is applied, and the store stays usable once space is freed.
     */
    private static final long RESERVE = Long.getLong("causa.store.reserveBytes", 16L << 20);
    /** MapDB grows the file in steps of this much. */
    private static final long GROWTH = 2L << 20;

    final Path path;
    final DB db;
    final BTreeMap<Long, byte[]> jobs;
    final BTreeMap<Long, byte[]> actions;
    final BTreeMap<String, String> meta;
    final BTreeMap<String, byte[]> schedules;
    final Indexes indexes;
    private final StoreLock lock;
    /** Looked up once: finding a path's file store reads the mount table, a statfs per group is enough. */
    private FileStore disk;

    private MapDbFile(Path path, DB db, StoreLock lock) {
        this.path = path;
        this.db = db;
        this.lock = lock;
        // Records are keyed by the 64-bit id and kept outside the B-tree nodes, so an insert rewrites a node of
        // small keys, not of whole records.
        this.jobs = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.actions = db.treeMap("actions", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
        // schedules (name -> JSON), committed one change at a time by MapDbSchedules; an older causa ignores it
        this.schedules = db.treeMap("schedules", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.indexes = new Indexes(db);
    }

    /**
     * Opens (or creates) the file and migrates it.
     *
     * @param salvage open a damaged file as well as it allows (header checksum not enforced), to copy out what is
     *                still readable; never used for normal work
     * @throws StoreInUseException    if another process holds it
     * @throws StoreDamagedException  if it cannot be read
     */
    static MapDbFile open(Path path, boolean salvage) {
        StoreLock lock = StoreLock.acquire(path);
        try {
            DBMaker.Maker maker = DBMaker.fileDB(path.toFile())
                    .fileMmapEnableIfSupported()
                    .fileMmapPreclearDisable()
                    .cleanerHackEnable() // unmap on close, so the file is really let go
                    .fileLockDisable() // StoreLock guards the file, and is released even when opening fails
                    .transactionEnable();
            if (salvage) maker = maker.checksumHeaderBypass();
            MapDbFile file = new MapDbFile(path, maker.make(), lock);
            try {
                Migrations.migrate(file);
            } catch (RuntimeException e) {
                file.db.close();
                throw e;
            }
            return file;
        } catch (StoreException e) {
            lock.close();
            throw e;
        } catch (RuntimeException e) {
            lock.close();
            throw new StoreDamagedException(path, e);
        } catch (InternalError e) {
            lock.close();
            throw new StoreException(cannotWrite(path), e);
        }
    }

    /** The first journal epoch that the last MapDB commit does not hold. */
    long journalEpoch() {
        return Long.parseLong(meta.getOrDefault("journal_epoch", "0"));
    }

    /** Commits what was applied, together with the epoch of the first journal it does not cover. */
    void commit(long nextEpoch) {
        meta.put("journal_epoch", Long.toString(nextEpoch));
        db.commit();
    }

    /** Refuses (before anything is applied) a commit of {@code bytes} that would eat into the disk reserve. */
    void ensureRoom(long bytes) throws IOException {
        if (disk == null) disk = Files.getFileStore(path.toAbsolutePath().getParent());
        long free = disk.getUsableSpace();
        long needed = RESERVE + GROWTH + 4 * bytes;
        if (free < needed) {
            throw new DiskFullException(cannotWrite(path) + " (" + free / 1024 + " KiB free, " + needed / 1024
                    + " KiB needed)");
        }
    }

    /** A commit refused for want of disk space; nothing of it was applied. */
    static final class DiskFullException extends IOException {
        DiskFullException(String message) {
            super(message);
        }
    }

    /**
     * Whether a failure is the disk (or quota) running out: ENOSPC from a channel write, or SIGBUS from a write to
     * a mapped file, which the JVM reports as an InternalError.
     */
    static boolean diskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InternalError) return true;
            String message = String.valueOf(c.getMessage());
            if (c instanceof IOException && (message.contains("No space left") || message.contains("quota"))) {
                return true;
            }
        }
        return false;
    }

    /** A write failed for want of space (a mapped write faults with SIGBUS, reported as an InternalError). */
    static String cannotWrite(Path file) {
        return "cannot write to " + file + ": the disk is probably full (free some space and try again)";
    }

    /** The file and its journals, in bytes. */
    long sizeOnDisk() {
        try (var files = Files.list(path.toAbsolutePath().getParent())) {
            String name = path.getFileName().toString();
            return files.filter(p -> p.getFileName().toString().startsWith(name))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return path.toFile().length();
        }
    }

    boolean isClosed() {
        return db.isClosed();
    }

    /** Closes MapDB as it is (uncommitted changes are dropped) unless closed already, then lets the lock go. */
    @Override
    public void close() {
        try {
            if (!db.isClosed()) db.close();
        } finally {
            lock.close();
        }
    }

    /** Lets the lock go when MapDB must not be touched any more (a checkpoint failed half-way). */
    void releaseLock() {
        lock.close();
    }
}
