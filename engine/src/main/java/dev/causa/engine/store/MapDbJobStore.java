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
    private static final char SEP = '\u0000';

    private final Path file;
    private final DB db;
    private final BTreeMap<String, byte[]> jobs;
    private final BTreeMap<String, byte[]> actions;
    private final NavigableSet<String> byActionType;
    private final NavigableSet<String> byState;
    private final NavigableSet<String> byAction;
    private final NavigableSet<String> byParent;
    private final NavigableSet<String> runsByType;
    private final BTreeMap<String, String> meta;

    private final ConcurrentHashMap<String, PendingJobWrite> pendingJobs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PendingAction> pendingActions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushWaiters = new ConcurrentLinkedQueue<>();
    private final Object signal = new Object();
    private final Thread writer;
    private volatile boolean closing;
    private volatile Throwable writerFailure;

    private record PendingAction(String id, String actionType, byte[] bytes, boolean isNew,
                                 CompletableFuture<Void> waiter) {
    }

    private MapDbJobStore(Path file, DB db) {
        this.file = file;
        this.db = db;
        this.jobs = db.treeMap("jobs", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.actions = db.treeMap("actions", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.byActionType = db.treeSet("idx_job_action_type", Serializer.STRING).createOrOpen();
        this.byState = db.treeSet("idx_job_state", Serializer.STRING).createOrOpen();
        this.byAction = db.treeSet("idx_job_action", Serializer.STRING).createOrOpen();
        this.byParent = db.treeSet("idx_job_parent", Serializer.STRING).createOrOpen();
        this.runsByType = db.treeSet("idx_action_type", Serializer.STRING).createOrOpen();
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
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
        PendingJobWrite write;
        synchronized (job) {
            write = new PendingJobWrite(job, Json.bytes(job), done);
            job.persistedState = job.state;
        }
        ensureWritable();
        pendingJobs.merge(write.id, write, PendingJobWrite::then);
        wake();
        return done;
    }

    @Override
    public CompletableFuture<Void> save(ActionRecord action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        pendingActions.add(new PendingAction(action.id, action.actionType, Json.bytes(action),
                !actions.containsKey(action.id), done));
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
            actions.put(action.id(), action.bytes());
            if (action.isNew()) runsByType.add(key(action.actionType(), action.id()));
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
        jobs.put(write.id, write.bytes);
        if (write.isNew) {
            if (write.actionType != null) byActionType.add(key(write.actionType, write.id));
            if (write.actionId != null) byAction.add(key(write.actionId, write.id));
            if (write.parentJobId != null) byParent.add(key(write.parentJobId, write.id));
        }
        if (write.indexedState != write.newState) {
            if (write.indexedState != null) byState.remove(key(write.indexedState.label(), write.id));
            byState.add(key(write.newState.label(), write.id));
        }
    }

    private void failAllPending(Throwable cause) {
        StoreException failure = new StoreException("commit failed: " + cause.getMessage(), cause);
        pendingJobs.values().forEach(w -> w.waiters.forEach(f -> f.completeExceptionally(failure)));
        pendingActions.forEach(a -> a.waiter().completeExceptionally(failure));
        flushWaiters.forEach(f -> f.completeExceptionally(failure));
    }

    private static String key(String indexed, String id) {
        return indexed + SEP + id;
    }

    private static NavigableSet<String> newestFirst(NavigableSet<String> index, String indexed) {
        return index.subSet(indexed + SEP, true, indexed + (char) (SEP + 1), false).descendingSet();
    }

    private static String idOf(String indexKey) {
        return indexKey.substring(indexKey.indexOf(SEP) + 1);
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Override
    public Optional<JobRecord> job(String id) {
        byte[] bytes = jobs.get(id);
        return bytes == null ? Optional.empty() : Optional.of(decodeJob(bytes));
    }

    private static JobRecord decodeJob(byte[] bytes) {
        JobRecord job = Json.read(bytes, JobRecord.class);
        job.persistedState = job.state;
        return job;
    }

    @Override
    public List<JobRecord> jobs(JobQuery query) {
        Iterator<String> ids;
        if (query.actionId() != null) {
            ids = newestFirst(byAction, query.actionId()).stream().map(MapDbJobStore::idOf).iterator();
        } else if (query.parentJobId() != null) {
            ids = newestFirst(byParent, query.parentJobId()).stream().map(MapDbJobStore::idOf).iterator();
        } else if (query.actionType() != null) {
            ids = newestFirst(byActionType, query.actionType()).stream().map(MapDbJobStore::idOf).iterator();
        } else if (query.state() != null) {
            ids = newestFirst(byState, query.state().label()).stream().map(MapDbJobStore::idOf).iterator();
        } else {
            ids = jobs.descendingKeySet().iterator();
        }
        return collect(ids, query::matches, query.limit());
    }

    private List<JobRecord> collect(Iterator<String> ids, Predicate<JobRecord> filter, int limit) {
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

    private static List<String> idsStartingWith(BTreeMap<String, byte[]> map, String prefix, int limit) {
        List<String> out = new ArrayList<>();
        for (String id : map.subMap(prefix, true, prefix + '\uffff', false).descendingKeySet()) {
            if (out.size() >= limit) break;
            out.add(id);
        }
        return out;
    }

    @Override
    public Optional<ActionRecord> action(String id) {
        byte[] bytes = actions.get(id);
        return bytes == null ? Optional.empty() : Optional.of(Json.read(bytes, ActionRecord.class));
    }

    @Override
    public List<ActionRecord> actions(String actionType, int limit) {
        Iterator<String> ids = actionType == null ? actions.descendingKeySet().iterator()
                : newestFirst(runsByType, actionType).stream().map(MapDbJobStore::idOf).iterator();
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
        for (JobState state : JobState.values()) {
            counts.put(state, (long) newestFirst(byState, state.label()).size());
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
