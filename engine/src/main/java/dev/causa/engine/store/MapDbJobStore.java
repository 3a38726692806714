package dev.causa.engine.store;

import dev.causa.engine.job.JobState;
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
import java.util.function.Predicate;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MapDB file store. Values are Jackson bytes ({@link Records}); secondary indexes are sorted sets of
 * {@code key \0 id} strings, and ids are time-ordered, so "newest first" is a descending range scan.
 *
 * <p>One writer thread applies all changes and commits them in groups: everything handed over while a commit
 * is under way goes into the next one, and a job saved several times in between is written once.
 */
public final class MapDbJobStore implements JobStore {

    /** 1: records are JSON text; 2: records may also be Smile ({@link Records}), which causa before 2 cannot read. */
    public static final int SCHEMA_VERSION = 2;
    private static final Logger log = LoggerFactory.getLogger(MapDbJobStore.class);

    private final Path file;
    private final DB db;
    private final BTreeMap<Long, byte[]> jobs;
    private final BTreeMap<Long, byte[]> actions;
    private final NavigableSet<long[]> byActionType;
    private final NavigableSet<long[]> byState;
    private final NavigableSet<long[]> byAction;
    private final NavigableSet<long[]> byParent;
    private final NavigableSet<long[]> runsByType;
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
    private final Object signal = new Object();
    private final Thread writer;
    private volatile boolean closing;
    private volatile Throwable writerFailure;
    private Journal journal;
    private long lastCheckpointNanos = System.nanoTime();
    /** MapDB is committed (and the journal started afresh) at most this often, or when the journal grows large. */
    private static final long CHECKPOINT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    private static final long CHECKPOINT_BYTES = 64L << 20;
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
        this.byActionType = pairs(db, "idx_job_action_type");
        this.byState = pairs(db, "idx_job_state");
        this.byAction = pairs(db, "idx_job_action");
        this.byParent = pairs(db, "idx_job_parent");
        this.runsByType = pairs(db, "idx_action_type");
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.typeCodes = db.treeMap("type_codes", Serializer.STRING, Serializer.LONG).createOrOpen();
        migrate();
        try {
            recoverJournal();
        } catch (IOException e) {
            db.close();
            throw new StoreException("cannot read the journal of " + file + ": " + e.getMessage(), e);
        }
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
        for (long epoch : Journal.epochs(file)) {
            if (epoch < checkpointed) continue;
            Journal.replay(Journal.pathFor(file, epoch), entry -> JournalEntries.replay(entry, target));
            latest = Math.max(latest, epoch);
        }
        long fresh = latest + 1;
        journal = Journal.open(file, fresh);
        meta.put("journal_epoch", Long.toString(fresh));
        db.commit();
        Journal.deleteBefore(file, fresh);
    }

    /**
     * Commits MapDB with everything applied so far and starts the next journal: the order makes a crash at any
     * point safe (an older journal is deleted only once the commit that holds it has succeeded).
     */
    private void checkpoint() throws IOException {
        Journal next = Journal.open(file, journal.epoch() + 1);
        meta.put("journal_epoch", Long.toString(next.epoch()));
        db.commit();
        journal.delete();
        journal = next;
        lastCheckpointNanos = System.nanoTime();
    }

    private void migrate() {
        String version = meta.get("schema_version");
        if (version == null) {
            meta.put("schema_version", Integer.toString(SCHEMA_VERSION));
            db.commit();
        } else if (Integer.parseInt(version) > SCHEMA_VERSION) {
            db.close();
            throw new StoreException("the store " + file + " has schema version " + version
                    + ", newer than this causa understands (" + SCHEMA_VERSION + "): upgrade causa");
        } else if (Integer.parseInt(version) < 2) {
            // 1 to 2: nothing to convert (JSON records still read), but from now on records are written as Smile,
            // which an older causa would pass over as unreadable (and its store repair would drop): mark the store.
            meta.put("schema_version", "2");
            db.commit();
        }
        // Future migrations step from the stored version up to SCHEMA_VERSION here.
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
        pendingActions.add(new PendingAction(action.id, action.actionType, Records.encode(action),
                !actions.containsKey(Ids.parse(action.id)), List.of(), done));
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
        pendingActions.add(new PendingAction(action.id, action.actionType, Records.encode(action), true, writes, done));
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
        return pendingJobs.isEmpty() && pendingActions.isEmpty() && flushWaiters.isEmpty();
    }

    private void writeLoop() {
        while (true) {
            synchronized (signal) {
                while (idle() && !closing) {
                    try {
                        signal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (idle() && closing) return;
            List<CompletableFuture<Void>> done = new ArrayList<>();
            try {
                commitRound(done);
                done.forEach(f -> f.complete(null));
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
     * then applied to the maps; MapDB itself is committed only at checkpoints.
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
            ensureRoom(bytes);
            journal.append(entries);
        } catch (IOException notWritten) {
            // nothing of this round reached the journal or the maps: its callers fail, the store goes on
            refuse(actionsNow, jobsNow, flushesNow, notWritten);
            return;
        }
        for (PendingAction a : actionsNow) {
            applyAction(a);
            a.jobs().forEach(this::apply);
            done.add(a.waiter());
        }
        for (PendingJobWrite w : jobsNow) {
            apply(w);
            done.addAll(w.waiters);
        }
        done.addAll(flushesNow);
        if (System.nanoTime() - lastCheckpointNanos > CHECKPOINT_NANOS || journal.size() > CHECKPOINT_BYTES) {
            checkpoint();
        }
    }

    private void applyAction(PendingAction action) {
        long id = Ids.parse(action.id());
        actions.put(id, action.bytes());
        if (action.isNew()) runsByType.add(pair(typeCode(action.actionType()), id));
    }

    private void apply(PendingJobWrite write) {
        long id = Ids.parse(write.id);
        jobs.put(id, write.bytes);
        if (write.isNew) {
            if (write.actionType != null) byActionType.add(pair(typeCode(write.actionType), id));
            if (write.actionId != null) byAction.add(pair(Ids.parse(write.actionId), id));
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

    /** The code of an action type, assigned on first use (by the writer thread only). */
    private long typeCode(String actionType) {
        Long code = typeCodes.get(actionType);
        if (code == null) {
            code = (long) typeCodes.size() + 1;
            typeCodes.put(actionType, code);
        }
        return code;
    }

    /** Ids indexed under {@code code}, newest first. */
    private static Iterator<Long> newestFirst(NavigableSet<long[]> index, long code) {
        return index.subSet(pair(code, 0), true, pair(code, Long.MAX_VALUE), true)
                .descendingSet().stream().map(p -> p[1]).iterator();
    }

    private Iterator<Long> byType(NavigableSet<long[]> index, String actionType) {
        Long code = typeCodes.get(actionType);
        return code == null ? java.util.Collections.emptyIterator() : newestFirst(index, code);
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Override
    public Optional<JobRecord> job(String id) {
        return Optional.ofNullable(decodeJob(Ids.parse(id), jobs.get(Ids.parse(id))));
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
        Iterator<Long> ids;
        if (query.actionId() != null) {
            ids = newestFirst(byAction, Ids.parse(query.actionId()));
        } else if (query.parentJobId() != null) {
            ids = newestFirst(byParent, Ids.parse(query.parentJobId()));
        } else if (query.actionType() != null) {
            ids = byType(byActionType, query.actionType());
        } else if (indexed(query.state())) {
            ids = newestFirst(byState, query.state().ordinal());
        } else {
            ids = jobs.descendingKeySet().iterator();
        }
        return collect(ids, query::matches, query.limit());
    }

    private List<JobRecord> collect(Iterator<Long> ids, Predicate<JobRecord> filter, int limit) {
        List<JobRecord> out = new ArrayList<>();
        while (ids.hasNext() && (limit <= 0 || out.size() < limit)) {
            long id = ids.next();
            JobRecord job = decodeJob(id, jobs.get(id));
            if (job != null && filter.test(job)) out.add(job);
        }
        return out;
    }

    /** The same query answered by reading every job: the baseline the indexes are measured against. */
    public List<JobRecord> jobsByFullScan(JobQuery query) {
        return collect(jobs.descendingKeySet().iterator(), query::matches, query.limit());
    }

    @Override
    public List<String> jobIdsStartingWith(String prefix, int limit) {
        return idsStartingWith(jobs, prefix, limit);
    }

    @Override
    public List<String> jobIdsEndingWith(String suffix, int scan, int limit) {
        String wanted = suffix.toUpperCase();
        List<String> out = new ArrayList<>();
        int seen = 0;
        for (Long id : jobs.descendingKeySet()) {
            if (++seen > scan || out.size() >= limit) break;
            String text = Ids.text(id);
            if (text.endsWith(wanted)) out.add(text);
        }
        return out;
    }

    @Override
    public List<String> actionIdsStartingWith(String prefix, int limit) {
        return idsStartingWith(actions, prefix, limit);
    }

    private static List<String> idsStartingWith(BTreeMap<Long, byte[]> map, String prefix, int limit) {
        long[] range = Ids.range(prefix);
        if (range == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Long id : map.subMap(range[0], true, range[1], true).descendingKeySet()) {
            if (out.size() >= limit) break;
            out.add(Ids.text(id));
        }
        return out;
    }

    @Override
    public Optional<ActionRecord> action(String id) {
        byte[] bytes = actions.get(Ids.parse(id));
        return bytes == null ? Optional.empty() : Optional.of(Records.decode(bytes, ActionRecord.class));
    }

    @Override
    public List<ActionRecord> actions(String actionType, int limit) {
        Iterator<Long> ids = actionType == null ? actions.descendingKeySet().iterator()
                : byType(runsByType, actionType);
        List<ActionRecord> out = new ArrayList<>();
        while (ids.hasNext() && (limit <= 0 || out.size() < limit)) {
            byte[] bytes = actions.get(ids.next());
            if (bytes != null) out.add(Records.decode(bytes, ActionRecord.class));
        }
        return out;
    }

    @Override
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        long indexedTotal = 0;
        for (JobState state : JobState.values()) {
            if (!indexed(state)) continue;
            long n = byState.subSet(pair(state.ordinal(), 0), true, pair(state.ordinal(), Long.MAX_VALUE), true).size();
            counts.put(state, n);
            indexedTotal += n;
        }
        counts.put(JobState.COMPLETED, jobs.sizeLong() - indexedTotal);
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

    /** Whether the job is in the indexes its fields call for. */
    boolean indexedCorrectly(long id, JobRecord job) {
        Long code = job.actionType == null ? null : typeCodes.get(job.actionType);
        boolean type = job.actionType == null || (code != null && byActionType.contains(pair(code, id)));
        boolean action = job.actionId == null || byAction.contains(pair(Ids.parse(job.actionId), id));
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
        try {
            // After a failure the maps may hold half-applied changes: leave MapDB as its last checkpoint left it;
            // opening the store again replays the journal. Otherwise checkpoint, and the journal is empty.
            if (writerFailure == null && !db.isClosed()) {
                try {
                    checkpoint();
                    journal.delete();
                } catch (IOException | RuntimeException e) {
                    log.warn("final checkpoint failed; the journal will be replayed on next open", e);
                }
                db.close();
            }
        } finally {
            if (lock != null) lock.close();
        }
    }
}
