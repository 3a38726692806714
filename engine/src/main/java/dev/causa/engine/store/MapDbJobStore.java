package dev.causa.engine.store;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;

import dev.causa.engine.model.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MapDB file store. Values are Jackson bytes ({@link Records}) keyed by the 64-bit id; secondary indexes are
 * sorted sets of {@code (code, id)} pairs or blocks of ids, and ids are time-ordered, so "newest first" is a
 * descending scan.
 *
 * <p>Three stages, each on its own thread:
 * <ol>
 *   <li>callers encode their records and hand them over ({@link #save});</li>
 *   <li>the writer appends everything handed over since its last round to the journal with one fsync (group
 *       commit: a job saved several times in between is written once), acknowledges it, and adds it to the
 *       {@link Overlay} that readers consult before MapDB;</li>
 *   <li>the checkpointer, every couple of seconds, freezes the overlay and applies it to MapDB in one commit:
 *       MapDB sees each job once per checkpoint, in its newest state, off the acknowledgement path.</li>
 * </ol>
 */
public final class MapDbJobStore implements JobStore {

    /**
     * 1: records are JSON text, one index entry per id. 2: records may also be Smile ({@link Records}), which causa
     * before 2 cannot read, and the action-type indexes are blocks of ids ({@link IdBlocks}).
     */
    public static final int SCHEMA_VERSION = 2;
    private static final Logger log = LoggerFactory.getLogger(MapDbJobStore.class);

    private final Path file;
    private final DB db;
    private final BTreeMap<Long, byte[]> jobs;
    private final BTreeMap<Long, byte[]> actions;
    private final IdBlocks byActionType;
    private final NavigableSet<long[]> byState;
    private final NavigableSet<long[]> byAction;
    private final NavigableSet<long[]> byParent;
    private final IdBlocks runsByType;
    private final BTreeMap<String, String> meta;
    private final BTreeMap<String, Long> typeCodes;

    private final ConcurrentHashMap<String, PendingJobWrite> pendingJobs = new ConcurrentHashMap<>();
    /**
     * The ids of pending jobs in the order they were first saved. A group takes jobs in this order, so a job saved
     * after another (a parent's checkpoint after its new child) is never committed without it; iterating the map
     * itself is only weakly consistent and could take the later one alone.
     */
    private final ConcurrentLinkedQueue<String> pendingOrder = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PendingAction> pendingActions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushWaiters = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> checkpointWaiters = new ConcurrentLinkedQueue<>();
    /** Waiters of {@link #checkpointNow} whose checkpoint is the frozen overlay's. */
    private List<CompletableFuture<Void>> frozenWaiters = List.of();
    private final Object signal = new Object();
    private final Thread writer;
    private volatile boolean closing;
    private volatile boolean checkpointerStopping;
    private volatile Throwable writerFailure;
    /** A checkpoint failed half-way: MapDB is not to be touched again (writerFailure says why). */
    private volatile boolean checkpointFailed;
    /** The last checkpoint found too little disk space and waits for some. */
    private volatile boolean checkpointPostponed;
    private Journal journal;
    private long lastCheckpointNanos = System.nanoTime();
    /** What is journaled but not yet in MapDB; swapped as a whole under {@code layersLock}. */
    private volatile Overlay.Layers layers = new Overlay.Layers(new Overlay(), null);
    private final Object layersLock = new Object();
    /** The journal a frozen overlay was written to: deleted once the checkpoint holding it has committed. */
    private Journal frozenJournal;
    private final Thread checkpointer;
    /** MapDB is committed (and the journal started afresh) about this often, or when the overlay grows large. */
    private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long CHECKPOINT_BYTES = 64L << 20;
    /**
     * While a checkpoint is still applying, the writer goes on journaling into a new overlay; past this size it
     * waits for the checkpoint, so that memory stays bounded when MapDB falls behind.
     */
    private static final long MAX_OVERLAY_BYTES = 512L << 20;
    private static final int MAX_GROUP = 50_000;
    private StoreLock lock;

    private static NavigableSet<long[]> pairs(DB db, String name) {
        return db.treeSet(name, LongPairs.INSTANCE).createOrOpen();
    }

    private MapDbJobStore(Path file, DB db) {
        this.file = file;
        this.db = db;
        // Records are keyed by the 64-bit id and kept outside the B-tree nodes, so an insert rewrites a node of
        // small keys, not of whole records. Indexes are (code, id) pairs of longs: an action type or state is
        // stored once, as a small code.
        this.jobs = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.actions = db.treeMap("actions", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.byActionType = new IdBlocks(db, "blocks_job_action_type");
        this.byState = pairs(db, "idx_job_state");
        this.byAction = pairs(db, "idx_job_action");
        this.byParent = pairs(db, "idx_job_parent");
        this.runsByType = new IdBlocks(db, "blocks_action_type");
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.typeCodes = db.treeMap("type_codes", Serializer.STRING, Serializer.LONG).createOrOpen();
        migrate();
        try {
            recoverJournal();
        } catch (IOException e) {
            db.close();
            throw new StoreException("cannot read the journal of " + file + ": " + e.getMessage(), e);
        }
        this.checkpointer = Thread.ofPlatform().name("causa-store-checkpoint").daemon(true).start(this::checkpointLoop);
        this.writer = Thread.ofPlatform().name("causa-store-writer").daemon(true).start(this::writeLoop);
    }

    /**
     * Opens (or creates) the store file.
     *
     * @throws StoreInUseException if another process holds it
     * @throws StoreException      if it cannot be read
     */
    public static MapDbJobStore open(Path file) {
        return open(file, false);
    }

    /**
     * @param salvage open a damaged file as well as it allows (header checksum not enforced), to copy out what is
     *                still readable; never used for normal work
     */
    static MapDbJobStore open(Path file, boolean salvage) {
        StoreLock lock = StoreLock.acquire(file);
        try {
            DBMaker.Maker maker = DBMaker.fileDB(file.toFile())
                    .fileMmapEnableIfSupported()
                    .fileMmapPreclearDisable()
                    .cleanerHackEnable() // unmap on close, so the file is really let go
                    .fileLockDisable() // StoreLock guards the file, and is released even when opening fails
                    .transactionEnable();
            if (salvage) maker = maker.checksumHeaderBypass();
            MapDbJobStore store = new MapDbJobStore(file, maker.make());
            store.lock = lock;
            return store;
        } catch (StoreException e) {
            lock.close();
            throw e;
        } catch (RuntimeException e) {
            lock.close();
            throw new StoreDamagedException(file, e);
        } catch (InternalError e) {
            lock.close();
            throw new StoreException(cannotWrite(file), e);
        }
    }

    /**
     * Whether a failure is the disk (or quota) running out: ENOSPC from a channel write, or SIGBUS from a write to
     * a mapped file, which the JVM reports as an InternalError.
     */
    private static boolean diskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InternalError) return true;
            String message = String.valueOf(c.getMessage());
            if (c instanceof IOException && (message.contains("No space left") || message.contains("quota"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A write to the memory-mapped file faulted: the JVM reports SIGBUS as an InternalError. In practice the disk
     * (or the quota) is full.
     */
    private static String cannotWrite(Path file) {
        return "cannot write to " + file + ": the disk is probably full (free some space and try again)";
    }

    /**
     * Applies the journals written since the last checkpoint (what was acknowledged but not yet in a MapDB
     * commit), checkpoints, and opens a fresh journal.
     */
    private void recoverJournal() throws IOException {
        long checkpointed = Long.parseLong(meta.getOrDefault("journal_epoch", "0"));
        long latest = checkpointed;
        JournalEntries.Target target = new JournalEntries.Target() {
            @Override
            public void job(PendingJobWrite write) {
                apply(write);
            }

            @Override
            public void action(PendingAction action) {
                applyAction(action);
            }
        };
        List<Long> unapplied = Journal.epochs(file).stream().filter(e -> e >= checkpointed).toList();
        long replaying = 0;
        for (long epoch : unapplied) replaying += Files.size(Journal.pathFor(file, epoch));
        if (replaying > 0) ensureRoom(replaying); // replaying is a MapDB commit like a checkpoint's
        for (long epoch : unapplied) {
            Journal.replay(Journal.pathFor(file, epoch), entry -> JournalEntries.replay(entry, target));
            latest = Math.max(latest, epoch);
        }
        writeBlocks();
        long fresh = latest + 1;
        journal = Journal.open(file, fresh);
        meta.put("journal_epoch", Long.toString(fresh));
        db.commit();
        Journal.deleteBefore(file, fresh);
    }

    // ---- checkpoints ----------------------------------------------------------------------------------------------

    /**
     * On the writer thread, between rounds: freezes the current overlay for the checkpointer and starts the next
     * journal, if a checkpoint is due and none is under way. Past {@link #MAX_OVERLAY_BYTES} it waits for the
     * running checkpoint first.
     */
    private void maybeFreeze(boolean idle) throws IOException {
        Overlay current = layers.current();
        boolean asked = !checkpointWaiters.isEmpty();
        if (current.isEmpty()) {
            if (asked && layers.frozen() == null) drain(checkpointWaiters).forEach(f -> f.complete(null));
            return;
        }
        boolean due = System.nanoTime() - lastCheckpointNanos > CHECKPOINT_NANOS || journal.size() > CHECKPOINT_BYTES
                || idle || asked;
        if (!due) return;
        synchronized (layersLock) {
            while (layers.frozen() != null) {
                if (current.bytes() < MAX_OVERLAY_BYTES || checkpointFailed || checkpointPostponed) return; // next round
                try {
                    layersLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            frozenJournal = journal;
            frozenWaiters = drain(checkpointWaiters);
            journal = Journal.open(file, journal.epoch() + 1);
            layers = new Overlay.Layers(new Overlay(), current);
            lastCheckpointNanos = System.nanoTime();
            layersLock.notifyAll();
        }
    }

    /**
     * Held (write) while a checkpoint applies a frozen layer to MapDB until that layer is dropped: readers that must
     * not see MapDB half-way (counting by state) hold it to read.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock applying =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** A test hook: the checkpointer runs it before applying a frozen overlay (tests hold a checkpoint open). */
    volatile Runnable beforeCheckpoint = () -> { };
    /** A test hook: run with a checkpoint applied to MapDB but not committed (tests crash the process there). */
    volatile Runnable beforeCommit = () -> { };

    /** Whether a checkpoint is applying a frozen overlay now. */
    boolean checkpointRunning() {
        return layers.frozen() != null;
    }

    /** The checkpointer: applies each frozen overlay to MapDB and commits it, then lets the journal behind it go. */
    private void checkpointLoop() {
        while (true) {
            Overlay frozen;
            Journal behind; // the journal the frozen layer was written to; the writer may freeze the next one meanwhile
            synchronized (layersLock) {
                while ((frozen = layers.frozen()) == null && !checkpointerStopping) {
                    try {
                        layersLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (frozen == null) return;
                behind = frozenJournal;
            }
            try {
                ensureRoom(frozen.bytes());
            } catch (IOException full) {
                // nothing applied: the frozen overlay stays readable and journaled; try again in a while
                if (!checkpointPostponed) log.warn("checkpoint postponed: {}", full.getMessage());
                checkpointPostponed = true;
                synchronized (layersLock) {
                    layersLock.notifyAll();
                    if (!checkpointerStopping) {
                        try {
                            layersLock.wait(1_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (checkpointerStopping) return;
                }
                continue;
            }
            checkpointPostponed = false;
            List<CompletableFuture<Void>> waiting;
            beforeCheckpoint.run();
            applying.writeLock().lock();
            try {
                applyAndCommit(frozen, behind.epoch() + 1);
                // the frozen layer goes before anyone may count again: MapDB holds it now
                synchronized (layersLock) {
                    layers = new Overlay.Layers(layers.current(), null);
                    waiting = frozenWaiters;
                    frozenWaiters = List.of();
                    layersLock.notifyAll();
                }
            } catch (Throwable t) {
                // MapDB may hold half of this checkpoint: stop writing; the journals still have everything, and
                // opening the store again replays them
                Throwable failure = diskFull(t) ? new StoreException(cannotWrite(file), t) : t;
                log.error("store checkpoint failed", t);
                checkpointFailed = true;
                writerFailure = failure;
                wake();
                synchronized (layersLock) {
                    layersLock.notifyAll();
                }
                return;
            } finally {
                applying.writeLock().unlock();
            }
            try {
                behind.delete(); // MapDB has it all: a failure to delete only leaves a file the next open removes
            } catch (IOException e) {
                log.warn("cannot delete the journal {} after its checkpoint: {}", behind.epoch(), e.toString());
            }
            waiting.forEach(f -> f.complete(null));
            if (!checkpointWaiters.isEmpty()) wake(); // asked for while this one ran: the writer freezes the next
        }
    }

    private static void closeQuietly(Journal j) {
        if (j == null) return;
        try {
            j.close();
        } catch (IOException e) {
            log.debug("closing journal {}: {}", j.epoch(), e.toString());
        }
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
        List<T> out = new ArrayList<>();
        T item;
        while ((item = queue.poll()) != null) out.add(item);
        return out;
    }

    /**
     * Applies an overlay to MapDB and commits it together with the epoch of the first journal it does not cover.
     * The order makes a crash at any point safe: a journal is deleted only after the commit that holds it.
     */
    private void applyAndCommit(Overlay overlay, long nextEpoch) {
        overlay.actions.values().forEach(this::applyAction);
        overlay.jobs.values().forEach(this::apply);
        writeBlocks();
        meta.put("journal_epoch", Long.toString(nextEpoch));
        beforeCommit.run();
        db.commit();
    }

    /**
     * On close, once the writer has stopped (so no checkpoint starts any more): waits until the running one is done.
     * False if it failed or waits for disk space: then the journals stay, and the next open replays them.
     */
    private boolean awaitCheckpoint() {
        synchronized (layersLock) {
            while (layers.frozen() != null && !checkpointFailed && !checkpointPostponed) {
                try {
                    layersLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return layers.frozen() == null && !checkpointFailed;
        }
    }

    /** Steps the stored schema up to {@link #SCHEMA_VERSION}, one version at a time, each step in one commit. */
    private void migrate() {
        String version = meta.get("schema_version");
        if (version == null) {
            meta.put("schema_version", Integer.toString(SCHEMA_VERSION));
            db.commit();
            return;
        }
        int stored = Integer.parseInt(version);
        if (stored > SCHEMA_VERSION) {
            db.close();
            throw new StoreException("the store " + file + " has schema version " + version
                    + ", newer than this causa understands (" + SCHEMA_VERSION + "): upgrade causa");
        }
        if (stored < 2) {
            // version 1 kept one (code, id) entry per job in the action-type indexes: move them into blocks. Its
            // JSON records still read; records are written as Smile from now on, which an older causa would pass
            // over as unreadable (and its store repair would drop): the version keeps it out.
            toBlocks("idx_job_action_type", byActionType);
            toBlocks("idx_action_type", runsByType);
            meta.put("schema_version", "2");
            db.commit();
            log.info("store {} migrated to schema version 2", file);
        }
    }

    private void toBlocks(String oldIndex, IdBlocks blocks) {
        if (!db.exists(oldIndex)) return;
        NavigableSet<long[]> old = pairs(db, oldIndex);
        IdBatch batch = new IdBatch();
        for (long[] pair : old) batch.add(pair[0], pair[1]);
        batch.writeTo(blocks);
        old.clear();
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> save(JobRecord job) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        synchronized (job) {
            PendingJobWrite write = new PendingJobWrite(job, Records.encode(job), done);
            job.persistedState = job.state;
            // Merged under the job's monitor: a worker and the progress timer save the same job, and a write that
            // reached the queue before an older one would put the older bytes last and leave the state index
            // behind (found by bench/torture: a running job indexed as queued was never recovered).
            pendingJobs.compute(write.id, (id, older) -> {
                if (older != null) return older.then(write);
                pendingOrder.add(id);
                return write;
            });
        }
        wake();
        return done;
    }

    @Override
    public CompletableFuture<Void> save(ActionRecord action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        boolean isNew = !action.stored;
        action.stored = true;
        pendingActions.add(new PendingAction(action.id, action.actionType, Records.encode(action), isNew, List.of(), done));
        wake();
        return done;
    }

    @Override
    public CompletableFuture<Void> save(ActionRecord action, List<JobRecord> newJobs) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        List<PendingJobWrite> writes = new ArrayList<>(newJobs.size());
        for (JobRecord job : newJobs) {
            synchronized (job) {
                writes.add(new PendingJobWrite(job, Records.encode(job), done));
                job.persistedState = job.state;
            }
        }
        // one queue entry: the writer journals and applies the action and its jobs in the same round
        boolean isNew = !action.stored;
        action.stored = true;
        pendingActions.add(new PendingAction(action.id, action.actionType, Records.encode(action), isNew, writes, done));
        wake();
        return done;
    }

    @Override
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        flushWaiters.add(done);
        wake();
        return done;
    }

    private void ensureWritable() {
        if (writerFailure != null) throw new StoreException("the store stopped committing: " + writerFailure, writerFailure);
        if (closing) throw new StoreException("the store is closed");
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private boolean idle() {
        return pendingJobs.isEmpty() && pendingActions.isEmpty() && flushWaiters.isEmpty()
                && (checkpointWaiters.isEmpty() || layers.frozen() != null); // asked for: once the running one is done
    }

    /**
     * Puts everything handed over so far into MapDB now, rather than at the next scheduled checkpoint; completes once
     * that checkpoint has committed. For tests and maintenance: normal work never needs it.
     */
    CompletableFuture<Void> checkpointNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        checkpointWaiters.add(done);
        wake();
        return done;
    }

    private void writeLoop() {
        while (true) {
            boolean timedOut = false;
            synchronized (signal) {
                while (idle() && !closing && writerFailure == null && !timedOut) {
                    try {
                        // woken by the next save; after a quiet while, what is journaled goes to MapDB too
                        signal.wait(TimeUnit.NANOSECONDS.toMillis(CHECKPOINT_NANOS));
                        timedOut = idle();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (writerFailure != null) {
                failAllPending(writerFailure);
                return;
            }
            if (idle() && closing) return;
            List<CompletableFuture<Void>> done = new ArrayList<>();
            try {
                if (!timedOut) commitRound(done);
                done.forEach(f -> f.complete(null));
                maybeFreeze(timedOut);
            } catch (Throwable t) {
                Throwable failure = diskFull(t) ? new StoreException(cannotWrite(file), t) : t;
                writerFailure = failure;
                log.error("store commit failed", t);
                done.forEach(f -> f.completeExceptionally(new StoreException("commit failed: " + failure.getMessage(), t)));
                failAllPending(failure);
                return;
            }
        }
    }

    /**
     * Space kept free on the store's disk. MapDB cannot survive running out of space in the middle of a commit
     * (found by FullDiskTest: the B-tree is left inconsistent), so a commit that would come near it is refused
     * whole, before anything is applied, and the store stays usable once space is freed.
     */
    private static final long RESERVE = Long.getLong("causa.store.reserveBytes", 16L << 20);
    /** MapDB grows the file in steps of this much. */
    private static final long GROWTH = 2L << 20;

    /** Looked up once: finding a path's file store reads the mount table, a statfs per group is enough. */
    private java.nio.file.FileStore disk;

    private void ensureRoom(long bytes) throws IOException {
        if (disk == null) disk = Files.getFileStore(file.toAbsolutePath().getParent());
        long free = disk.getUsableSpace();
        long needed = RESERVE + GROWTH + 4 * bytes;
        if (free < needed) {
            throw new DiskFullException(cannotWrite(file) + " (" + free / 1024 + " KiB free, " + needed / 1024
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
     * One group commit: everything handed over since the last one is appended to the journal with one fsync,
     * then added to the current overlay; MapDB gets it at the next checkpoint.
     */
    private void commitRound(List<CompletableFuture<Void>> done) throws IOException {
        List<PendingAction> actionsNow = new ArrayList<>();
        PendingAction action;
        while ((action = pendingActions.poll()) != null) actionsNow.add(action);
        List<PendingJobWrite> jobsNow = new ArrayList<>();
        String id;
        // bounded, so that a steady stream of saves cannot keep one group open for ever
        while (jobsNow.size() < MAX_GROUP && (id = pendingOrder.poll()) != null) {
            PendingJobWrite write = pendingJobs.remove(id);
            if (write != null) jobsNow.add(write);
        }
        List<CompletableFuture<Void>> flushesNow = new ArrayList<>();
        CompletableFuture<Void> flushed;
        while ((flushed = flushWaiters.poll()) != null) flushesNow.add(flushed);

        List<byte[]> entries = new ArrayList<>(actionsNow.size() + jobsNow.size());
        long bytes = 0;
        for (PendingAction a : actionsNow) {
            entries.add(JournalEntries.action(a));
            for (PendingJobWrite w : a.jobs()) entries.add(JournalEntries.job(w));
        }
        for (PendingJobWrite w : jobsNow) entries.add(JournalEntries.job(w));
        for (byte[] e : entries) bytes += e.length;
        try {
            // room for this group and for the checkpoint still owed to MapDB: while a checkpoint waits for space,
            // new writes are refused too, so the overlay (memory) and the journal stop growing
            Overlay owed = layers.frozen();
            ensureRoom(bytes + (owed == null ? 0 : owed.bytes()));
            journal.append(entries);
        } catch (IOException notWritten) {
            // nothing of this round reached the journal or the maps: its callers fail, the store goes on
            refuse(actionsNow, jobsNow, flushesNow, notWritten);
            return;
        }
        // durable now: readers find it in the overlay until a checkpoint has put it into MapDB
        Overlay current = layers.current();
        for (PendingAction a : actionsNow) {
            current.add(a);
            done.add(a.waiter());
        }
        for (PendingJobWrite w : jobsNow) {
            current.add(w);
            done.addAll(w.waiters);
        }
        done.addAll(flushesNow);
    }

    /**
     * What one checkpoint (or one journal replay) adds to the block indexes, gathered per code and written at its
     * end: a block per code rather than an insert per id.
     */
    private static final class IdBatch {
        private final Map<Long, java.util.stream.LongStream.Builder> ids = new java.util.HashMap<>();

        void add(long code, long id) {
            ids.computeIfAbsent(code, c -> java.util.stream.LongStream.builder()).add(id);
        }

        void writeTo(IdBlocks blocks) {
            ids.forEach((code, held) -> blocks.add(code, held.build().toArray()));
            ids.clear();
        }
    }

    /** The block-index additions of the apply under way; used by the one thread that writes MapDB. */
    private final IdBatch jobTypeBatch = new IdBatch();
    private final IdBatch runTypeBatch = new IdBatch();

    /** Writes what {@link #apply} and {@link #applyAction} gathered for the block indexes. */
    private void writeBlocks() {
        jobTypeBatch.writeTo(byActionType);
        runTypeBatch.writeTo(runsByType);
    }

    private void applyAction(PendingAction action) {
        long id = Ids.parse(action.id());
        actions.put(id, action.bytes());
        if (action.isNew()) runTypeBatch.add(typeCode(action.actionType()), id);
    }

    private void apply(PendingJobWrite write) {
        long id = write.key;
        jobs.put(id, write.bytes);
        if (write.isNew) {
            if (write.actionType != null) jobTypeBatch.add(typeCode(write.actionType), id);
            // the jobs an action dispatched are listed in its record; the index holds those spawned later
            if (write.actionId != null && write.parentJobId != null) byAction.add(pair(Ids.parse(write.actionId), id));
            if (write.parentJobId != null) byParent.add(pair(Ids.parse(write.parentJobId), id));
        }
        if (write.indexedState != write.newState) {
            if (indexed(write.indexedState)) byState.remove(pair(write.indexedState.ordinal(), id));
            if (indexed(write.newState)) byState.add(pair(write.newState.ordinal(), id));
        }
    }

    /** Fails one round's callers without touching the DB, which stays usable. */
    private static void refuse(List<PendingAction> actionsNow, List<PendingJobWrite> jobsNow,
                               List<CompletableFuture<Void>> flushesNow, IOException why) {
        StoreException failure = new StoreException("commit failed: " + why.getMessage(), why);
        log.warn("commit refused: {}", why.getMessage());
        actionsNow.forEach(a -> a.waiter().completeExceptionally(failure)); // its bundled jobs share the waiter
        jobsNow.forEach(w -> w.waiters.forEach(f -> f.completeExceptionally(failure)));
        flushesNow.forEach(f -> f.completeExceptionally(failure));
    }

    private void failAllPending(Throwable cause) {
        StoreException failure = new StoreException("commit failed: " + cause.getMessage(), cause);
        checkpointWaiters.forEach(f -> f.completeExceptionally(failure));
        frozenWaiters.forEach(f -> f.completeExceptionally(failure));
        pendingJobs.values().forEach(w -> w.waiters.forEach(f -> f.completeExceptionally(failure)));
        pendingActions.forEach(a -> a.waiter().completeExceptionally(failure));
        flushWaiters.forEach(f -> f.completeExceptionally(failure));
    }

    /**
     * Completed jobs are most jobs: they are not in the state index, which saves a write per job. Listing them
     * scans newest first, and since recent jobs are mostly completed, a scan with a limit finds them at once.
     */
    private static boolean indexed(JobState state) {
        return state != null && state != JobState.COMPLETED;
    }

    private static long[] pair(long code, long id) {
        return LongPairs.of(code, id);
    }

    /** The codes of action types, as in {@code typeCodes}: read on every index update and every listing. */
    private final ConcurrentHashMap<String, Long> codes = new ConcurrentHashMap<>();

    /** The code of an action type, assigned on first use (by the one thread that writes MapDB). */
    private long typeCode(String actionType) {
        Long code = codeOf(actionType);
        if (code == null) {
            code = (long) typeCodes.size() + 1;
            typeCodes.put(actionType, code);
            codes.put(actionType, code);
        }
        return code;
    }

    /** The code of an action type, or null if none was assigned. */
    private Long codeOf(String actionType) {
        Long code = codes.get(actionType);
        if (code == null) {
            code = typeCodes.get(actionType);
            if (code != null) codes.put(actionType, code);
        }
        return code;
    }

    /** Ids indexed under {@code code}, newest first. */
    private static Iterator<Long> newestFirst(NavigableSet<long[]> index, long code) {
        return index.subSet(pair(code, 0), true, pair(code, Long.MAX_VALUE), true)
                .descendingSet().stream().map(p -> p[1]).iterator();
    }

    private Iterator<Long> byType(IdBlocks index, String actionType) {
        Long code = codeOf(actionType);
        return code == null ? java.util.Collections.emptyIterator() : index.newestFirst(code);
    }

    // ---- reads --------------------------------------------------------------------------------------------------
    //
    // Every read takes the overlay layers once and looks there before MapDB: a record in an overlay is newer than
    // MapDB's. Listings merge the overlays' ids with the index's, newest first; an id both hold is read once, from
    // the overlay, and the query's own test then decides (an index entry MapDB still has for an older state is
    // dropped there).

    @Override
    public Optional<JobRecord> job(String id) {
        long key = Ids.parse(id);
        return Optional.ofNullable(decodeJob(key, jobBytes(layers, key)));
    }

    private byte[] jobBytes(Overlay.Layers view, long id) {
        PendingJobWrite held = view.job(id);
        return held != null ? held.bytes : jobs.get(id);
    }

    /**
     * The job, or null if absent or unreadable. A record can be unreadable only if a commit failed half-way (a
     * full disk): it was never acknowledged, so listings pass over it; {@code store check} counts it and
     * {@code store repair} drops it.
     */
    private static JobRecord decodeJob(long id, byte[] bytes) {
        if (bytes == null) return null;
        try {
            JobRecord job = Records.decode(bytes, JobRecord.class);
            job.persistedState = job.state;
            return job;
        } catch (java.io.UncheckedIOException unreadable) {
            log.warn("job record {} is unreadable and is passed over (run causa store check)", Ids.text(id));
            return null;
        }
    }

    @Override
    public List<JobRecord> jobs(JobQuery query) {
        Overlay.Layers view = layers;
        Iterator<Long> ids;
        if (query.actionId() != null) {
            long action = Ids.parse(query.actionId());
            ids = Overlay.newestFirst(List.of(dispatchedBy(view, action), newestFirst(byAction, action)));
        } else if (query.parentJobId() != null) {
            ids = newestFirst(byParent, Ids.parse(query.parentJobId()));
        } else if (query.actionType() != null) {
            ids = byType(byActionType, query.actionType());
        } else if (indexed(query.state())) {
            ids = newestFirst(byState, query.state().ordinal());
        } else {
            ids = jobs.descendingKeySet().iterator();
        }
        Iterator<Long> held = view.jobIds(w -> query.matches(w.actionType, w.newState, w.actionId, w.parentJobId));
        return collect(view, Overlay.newestFirst(List.of(held, ids)), query::matches, query.limit());
    }

    private List<JobRecord> collect(Overlay.Layers view, Iterator<Long> ids, Predicate<JobRecord> filter, int limit) {
        List<JobRecord> out = new ArrayList<>();
        while (ids.hasNext() && (limit <= 0 || out.size() < limit)) {
            long id = ids.next();
            JobRecord job = decodeJob(id, jobBytes(view, id));
            if (job != null && filter.test(job)) out.add(job);
        }
        return out;
    }

    /** The ids of the jobs an action run dispatched itself, from its record, newest first. */
    private Iterator<Long> dispatchedBy(Overlay.Layers view, long actionId) {
        byte[] bytes = actionBytes(view, actionId);
        if (bytes == null) return java.util.Collections.emptyIterator();
        List<String> dispatched = decodeAction(bytes).jobIds;
        long[] ids = new long[dispatched == null ? 0 : dispatched.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = Ids.parse(dispatched.get(i));
        java.util.Arrays.sort(ids);
        return java.util.stream.LongStream.range(0, ids.length).map(i -> ids[ids.length - 1 - (int) i]).iterator();
    }

    /** Every job id, newest first, overlays included. */
    private Iterator<Long> allJobIds(Overlay.Layers view) {
        return Overlay.newestFirst(List.of(view.jobIds(w -> true), jobs.descendingKeySet().iterator()));
    }

    /** The same query answered by reading every job: the baseline the indexes are measured against. */
    public List<JobRecord> jobsByFullScan(JobQuery query) {
        Overlay.Layers view = layers;
        return collect(view, allJobIds(view), query::matches, query.limit());
    }

    @Override
    public List<String> jobIdsStartingWith(String prefix, int limit) {
        return idsStartingWith(true, jobs, prefix, limit);
    }

    @Override
    public List<String> jobIdsEndingWith(String suffix, int scan, int limit) {
        String wanted = suffix.toUpperCase();
        List<String> out = new ArrayList<>();
        int seen = 0;
        for (Iterator<Long> ids = allJobIds(layers); ids.hasNext(); ) {
            long id = ids.next();
            if (++seen > scan || out.size() >= limit) break;
            String text = Ids.text(id);
            if (text.endsWith(wanted)) out.add(text);
        }
        return out;
    }

    @Override
    public List<String> actionIdsStartingWith(String prefix, int limit) {
        return idsStartingWith(false, actions, prefix, limit);
    }

    private List<String> idsStartingWith(boolean ofJobs, BTreeMap<Long, byte[]> map, String prefix, int limit) {
        long[] range = Ids.range(prefix);
        if (range == null) return List.of();
        Iterator<Long> ids = Overlay.newestFirst(List.of(layers.range(ofJobs, range[0], range[1]),
                map.subMap(range[0], true, range[1], true).descendingKeySet().iterator()));
        List<String> out = new ArrayList<>();
        while (ids.hasNext() && out.size() < limit) out.add(Ids.text(ids.next()));
        return out;
    }

    @Override
    public Optional<ActionRecord> action(String id) {
        byte[] bytes = actionBytes(layers, Ids.parse(id));
        return bytes == null ? Optional.empty() : Optional.of(decodeAction(bytes));
    }

    private static ActionRecord decodeAction(byte[] bytes) {
        ActionRecord action = Records.decode(bytes, ActionRecord.class);
        action.stored = true;
        return action;
    }

    private byte[] actionBytes(Overlay.Layers view, long id) {
        PendingAction held = view.action(id);
        return held != null ? held.bytes() : actions.get(id);
    }

    @Override
    public List<ActionRecord> actions(String actionType, int limit) {
        Overlay.Layers view = layers;
        Iterator<Long> stored = actionType == null ? actions.descendingKeySet().iterator()
                : byType(runsByType, actionType);
        Iterator<Long> ids = Overlay.newestFirst(List.of(
                view.actionIds(a -> actionType == null || actionType.equals(a.actionType())), stored));
        List<ActionRecord> out = new ArrayList<>();
        while (ids.hasNext() && (limit <= 0 || out.size() < limit)) {
            byte[] bytes = actionBytes(view, ids.next());
            if (bytes != null) out.add(decodeAction(bytes));
        }
        return out;
    }

    @Override
    public Map<JobState, Long> countByState() {
        applying.readLock().lock();
        try {
            return countByState(layers);
        } finally {
            applying.readLock().unlock();
        }
    }

    /** Counts with MapDB as its last checkpoint left it (no checkpoint applying), then the layers' changes. */
    private Map<JobState, Long> countByState(Overlay.Layers view) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        long indexedTotal = 0;
        for (JobState state : JobState.values()) {
            if (!indexed(state)) continue;
            long n = byState.subSet(pair(state.ordinal(), 0), true, pair(state.ordinal(), Long.MAX_VALUE), true).size();
            counts.put(state, n);
            indexedTotal += n;
        }
        counts.put(JobState.COMPLETED, jobs.sizeLong() - indexedTotal);
        // the overlays move jobs between states (or add them): from the state MapDB has to the newest one
        for (Iterator<Long> ids = view.jobIds(w -> true); ids.hasNext(); ) {
            long id = ids.next();
            PendingJobWrite newest = view.job(id);
            PendingJobWrite first = view.frozen() == null ? null : view.frozen().jobs.get(id);
            if (first == null) first = newest;
            if (!first.isNew && first.indexedState != null) counts.merge(first.indexedState, -1L, Long::sum);
            counts.merge(newest.newState, 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public long sizeOnDisk() {
        try (var files = Files.list(file.toAbsolutePath().getParent())) {
            String name = file.getFileName().toString();
            return files.filter(p -> p.getFileName().toString().startsWith(name))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return file.toFile().length();
        }
    }

    public Path file() {
        return file;
    }

    /** Every stored job record as its bytes, oldest first; unreadable entries are skipped and counted. */
    void forEachRawJob(java.util.function.BiConsumer<Long, byte[]> each, java.util.concurrent.atomic.AtomicLong unreadable) {
        forEachRaw(jobs, each, unreadable);
    }

    void forEachRawAction(java.util.function.BiConsumer<Long, byte[]> each, java.util.concurrent.atomic.AtomicLong unreadable) {
        forEachRaw(actions, each, unreadable);
    }

    private static void forEachRaw(BTreeMap<Long, byte[]> map, java.util.function.BiConsumer<Long, byte[]> each,
                                   java.util.concurrent.atomic.AtomicLong unreadable) {
        Iterator<Long> keys = map.keySet().iterator();
        while (true) {
            Long key;
            try {
                if (!keys.hasNext()) return;
                key = keys.next();
            } catch (RuntimeException broken) {
                unreadable.incrementAndGet();
                return; // the key structure itself is damaged past this point
            }
            try {
                each.accept(key, map.get(key));
            } catch (RuntimeException broken) {
                unreadable.incrementAndGet();
            }
        }
    }

    /** The ids under each type code, for {@link #indexedCorrectly}: read once, a check asks about every job. */
    private final Map<Long, long[]> typedIds = new ConcurrentHashMap<>();

    /** The job ids recent action records list, for {@link #indexedCorrectly}: jobs come in id order, runs repeat. */
    private final Map<String, java.util.Set<String>> dispatchedIds = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, java.util.Set<String>> eldest) {
            return size() > 16;
        }
    };

    private java.util.Set<String> dispatchedIds(String actionId) {
        return dispatchedIds.computeIfAbsent(actionId, id -> action(id)
                .map(a -> a.jobIds == null ? java.util.Set.<String>of() : java.util.Set.copyOf(a.jobIds))
                .orElse(java.util.Set.of()));
    }

    /** Whether the job is in the indexes its fields call for. */
    boolean indexedCorrectly(long id, JobRecord job) {
        Long code = job.actionType == null ? null : codeOf(job.actionType);
        boolean type = job.actionType == null
                || (code != null && java.util.Arrays.binarySearch(typedIds.computeIfAbsent(code, byActionType::all), id) >= 0);
        boolean action = job.actionId == null || byAction.contains(pair(Ids.parse(job.actionId), id))
                || job.parentJobId == null && dispatchedIds(job.actionId).contains(job.id);
        boolean state = !indexed(job.state) || byState.contains(pair(job.state.ordinal(), id));
        return type && action && state;
    }

    @Override
    public void close() {
        if (closing) return;
        closing = true;
        wake();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean settled = awaitCheckpoint();
        checkpointerStopping = true;
        synchronized (layersLock) {
            layersLock.notifyAll();
        }
        try {
            checkpointer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // After a failure the maps may hold half-applied changes: leave MapDB as its last checkpoint left it;
            // opening the store again replays the journals. Otherwise a last checkpoint, and no journal is left.
            // A checkpoint that waits for disk space has applied nothing: MapDB holds no uncommitted change then,
            // and closes as it is; the journals are replayed on the next open.
            if (writerFailure == null && !db.isClosed()) {
                if (settled) {
                    try {
                        ensureRoom(layers.current().bytes());
                        applyAndCommit(layers.current(), journal.epoch() + 1);
                        journal.delete();
                        drain(checkpointWaiters).forEach(f -> f.complete(null));
                    } catch (IOException | RuntimeException e) {
                        log.warn("final checkpoint failed; the journal will be replayed on next open: {}", e.toString());
                    }
                }
                db.close();
            }
        } finally {
            closeQuietly(journal);
            closeQuietly(frozenJournal);
            StoreException closed = new StoreException("the store closed before the checkpoint");
            drain(checkpointWaiters).forEach(f -> f.completeExceptionally(closed));
            if (lock != null) lock.close();
        }
    }
}
