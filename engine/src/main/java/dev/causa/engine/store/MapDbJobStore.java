package dev.causa.engine.store;

import dev.causa.engine.job.JobState;
import dev.causa.engine.json.Json;
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
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MapDB file store. Values are Jackson JSON bytes; secondary indexes are sorted sets of
 * {@code key \0 id} strings, and ids are time-ordered, so "newest first" is a descending range scan.
 *
 * <p>One writer thread applies all changes and commits them in groups: everything handed over while a commit
 * is under way goes into the next one, and a job saved several times in between is written once.
 */
public final class MapDbJobStore implements JobStore {

    public static final int SCHEMA_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(MapDbJobStore.class);

    private final Path file;
    private final DB db;
    private final BTreeMap<Long, byte[]> jobs;
    private final BTreeMap<Long, byte[]> actions;
    private final NavigableSet<Object[]> byActionType;
    private final NavigableSet<Object[]> byState;
    private final NavigableSet<Object[]> byAction;
    private final NavigableSet<Object[]> byParent;
    private final NavigableSet<Object[]> runsByType;
    private final BTreeMap<String, String> meta;
    private final BTreeMap<String, Long> typeCodes;

    private final ConcurrentHashMap<String, PendingJobWrite> pendingJobs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PendingAction> pendingActions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushWaiters = new ConcurrentLinkedQueue<>();
    private final Object signal = new Object();
    private final Thread writer;
    private volatile boolean closing;
    private volatile Throwable writerFailure;

    @SuppressWarnings("unchecked")
    private static NavigableSet<Object[]> pairs(DB db, String name) {
        return (NavigableSet<Object[]>) db.treeSet(name,
                new SerializerArrayTuple(Serializer.LONG, Serializer.LONG)).createOrOpen();
    }

    private record PendingAction(String id, String actionType, byte[] bytes, boolean isNew,
                                 CompletableFuture<Void> waiter) {
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
        this.writer = Thread.ofPlatform().name("causa-store-writer").daemon(true).start(this::writeLoop);
    }

    /**
     * Opens (or creates) the store file.
     *
     * @throws StoreInUseException if another process holds it
     * @throws StoreException      if it cannot be read
     */
    public static MapDbJobStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            DB db = DBMaker.fileDB(file.toFile())
                    .fileMmapEnableIfSupported()
                    .fileMmapPreclearDisable()
                    .transactionEnable()
                    .make();
            return new MapDbJobStore(file, db);
        } catch (DBException.FileLocked e) {
            throw new StoreInUseException(file);
        } catch (DBException | IOException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
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
        }
        // Version 1 is the first schema: future migrations step from the stored version up to SCHEMA_VERSION here.
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> save(JobRecord job) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        synchronized (job) {
            PendingJobWrite write = new PendingJobWrite(job, Json.bytes(job), done);
            job.persistedState = job.state;
            // Merged under the job's monitor: a worker and the progress timer save the same job, and a write that
            // reached the queue before an older one would put the older bytes last and leave the state index
            // behind (found by bench/torture: a running job indexed as queued was never recovered).
            pendingJobs.merge(write.id, write, PendingJobWrite::then);
        }
        wake();
        return done;
    }

    @Override
    public CompletableFuture<Void> save(ActionRecord action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        pendingActions.add(new PendingAction(action.id, action.actionType, Json.bytes(action),
                !actions.containsKey(Ids.parse(action.id)), done));
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
                writerFailure = t;
                log.error("store commit failed", t);
                done.forEach(f -> f.completeExceptionally(new StoreException("commit failed: " + t.getMessage(), t)));
                failAllPending(t);
                return;
            }
        }
    }

    private void commitRound(List<CompletableFuture<Void>> done) {
        CompletableFuture<Void> flushed;
        while ((flushed = flushWaiters.poll()) != null) done.add(flushed);
        PendingAction action;
        while ((action = pendingActions.poll()) != null) {
            long id = Ids.parse(action.id());
            actions.put(id, action.bytes());
            if (action.isNew()) runsByType.add(pair(typeCode(action.actionType()), id));
            done.add(action.waiter());
        }
        for (String id : List.copyOf(pendingJobs.keySet())) {
            PendingJobWrite write = pendingJobs.remove(id);
            if (write == null) continue;
            apply(write);
            done.addAll(write.waiters);
        }
        db.commit();
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

    private static Object[] pair(long code, long id) {
        return new Object[]{code, id};
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
    private static Iterator<Long> newestFirst(NavigableSet<Object[]> index, long code) {
        return index.subSet(new Object[]{code}, true, new Object[]{code, Long.MAX_VALUE}, true)
                .descendingSet().stream().map(p -> (Long) p[1]).iterator();
    }

    private Iterator<Long> byType(NavigableSet<Object[]> index, String actionType) {
        Long code = typeCodes.get(actionType);
        return code == null ? java.util.Collections.emptyIterator() : newestFirst(index, code);
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Override
    public Optional<JobRecord> job(String id) {
        byte[] bytes = jobs.get(Ids.parse(id));
        return bytes == null ? Optional.empty() : Optional.of(decodeJob(bytes));
    }

    private static JobRecord decodeJob(byte[] bytes) {
        JobRecord job = Json.read(bytes, JobRecord.class);
        job.persistedState = job.state;
        return job;
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
            byte[] bytes = jobs.get(ids.next());
            if (bytes == null) continue;
            JobRecord job = decodeJob(bytes);
            if (filter.test(job)) out.add(job);
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
        return bytes == null ? Optional.empty() : Optional.of(Json.read(bytes, ActionRecord.class));
    }

    @Override
    public List<ActionRecord> actions(String actionType, int limit) {
        Iterator<Long> ids = actionType == null ? actions.descendingKeySet().iterator()
                : byType(runsByType, actionType);
        List<ActionRecord> out = new ArrayList<>();
        while (ids.hasNext() && (limit <= 0 || out.size() < limit)) {
            byte[] bytes = actions.get(ids.next());
            if (bytes != null) out.add(Json.read(bytes, ActionRecord.class));
        }
        return out;
    }

    @Override
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        long indexedTotal = 0;
        for (JobState state : JobState.values()) {
            if (!indexed(state)) continue;
            long n = byState.subSet(new Object[]{(long) state.ordinal()}, true,
                    new Object[]{(long) state.ordinal(), Long.MAX_VALUE}, true).size();
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
        if (!db.isClosed()) db.close();
    }
}
