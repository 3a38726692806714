package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Page;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.mapdb.BTreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of a MapDB store file. Callers encode their records and hand them to the {@link GroupCommitWriter},
 * which acknowledges them once journaled; the {@link Checkpointer} puts them into MapDB off that path; reads go
 * through {@link Queries}, which consults the overlays before MapDB.
 */
public final class MapDbRecords implements RecordStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MapDbRecords.class);

    private final MapDbFile file;
    private final IndexedStates states = new IndexedStates();
    private final Checkpointer checkpointer;
    private final GroupCommitWriter writer;
    private final Queries queries;
    private final MapDbSchedules schedules;
    private volatile boolean closed;

    private MapDbRecords(MapDbFile file) throws IOException {
        this.file = file;
        this.checkpointer = new Checkpointer(file, why -> writer().fail(why), () -> writer().wake());
        this.writer = new GroupCommitWriter(file, checkpointer, states);
        this.queries = new Queries(file, checkpointer);
        this.schedules = new MapDbSchedules(file, checkpointer, () -> writer().failure());
        Journal journal = checkpointer.recover();
        states.load(file.indexes);
        checkpointer.start();
        writer.start(journal);
    }

    private GroupCommitWriter writer() {
        return writer;
    }

    /**
     * Opens (or creates) the store file, replaying what its journals hold beyond the last checkpoint.
     *
     * @throws dev.causa.engine.store.StoreInUseException if another process holds it
     * @throws StoreException                             if it cannot be read
     */
    public static MapDbRecords open(Path file) {
        return open(file, false);
    }

    /** @param salvage open a damaged file as well as it allows, to copy out what is readable (store repair) */
    static MapDbRecords open(Path path, boolean salvage) {
        MapDbFile file = MapDbFile.open(path, salvage);
        try {
            return new MapDbRecords(file);
        } catch (IOException e) {
            file.close();
            throw new StoreException("cannot read the journal of " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> insert(ActionRecord action, List<JobRecord> jobs) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.ensureWritable();
        List<PendingJobWrite> writes = new ArrayList<>(jobs.size());
        for (JobRecord job : jobs) writes.add(handOver(job, true, done));
        // one queue entry: the writer journals and applies the action and its jobs in the same round
        writer.submit(new PendingAction(action.id, action.actionType, RecordCodec.encode(action), true, writes, done));
        return done;
    }

    @Override
    public CompletableFuture<Void> insert(List<JobRecord> jobs) {
        writer.ensureWritable();
        if (jobs.size() == 1) return submit(jobs.getFirst(), true);
        List<CompletableFuture<Void>> saved = new ArrayList<>(jobs.size());
        for (JobRecord job : jobs) saved.add(submit(job, true));
        return CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Void> update(JobRecord job) {
        writer.ensureWritable();
        return submit(job, false);
    }

    @Override
    public CompletableFuture<Void> update(ActionRecord action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.ensureWritable();
        writer.submit(new PendingAction(action.id, action.actionType, RecordCodec.encode(action), false, List.of(),
                done));
        return done;
    }

    private CompletableFuture<Void> submit(JobRecord job, boolean isNew) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (job) {
            // the bytes, the state the index holds and the merge with a pending write, in the order of the job's
            // changes: hence under its monitor
            writer.submit(handOver(job, isNew, done));
        }
        return done;
    }

    private PendingJobWrite handOver(JobRecord job, boolean isNew, CompletableFuture<Void> done) {
        synchronized (job) {
            JobState before = states.handOver(Ids.parse(job.id), job.state);
            return new PendingJobWrite(job, RecordCodec.encode(job), isNew, isNew ? null : before, done);
        }
    }

    /**
     * Completes when everything handed over so far is durable. Not part of the record store: each write says when it
     * is durable; this is for harnesses that crash the process on purpose, and tests.
     */
    public CompletableFuture<Void> flush() {
        return writer.flush();
    }

    /** Puts everything handed over so far into MapDB now; completes once that checkpoint has committed. */
    CompletableFuture<Void> checkpointNow() {
        return writer.checkpointNow();
    }

    /** The schedules kept in this file. */
    public dev.causa.engine.store.ScheduleStore schedules() {
        return schedules;
    }

    /** The checkpointer, for tests that hold a checkpoint open or crash in the middle of one. */
    Checkpointer checkpointer() {
        return checkpointer;
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Override
    public Optional<JobRecord> job(String id) {
        return queries.job(id);
    }

    @Override
    public Optional<ActionRecord> action(String id) {
        return queries.action(id);
    }

    @Override
    public Page<JobRecord> jobs(JobQuery query) {
        return queries.jobs(query);
    }

    @Override
    public Page<ActionRecord> actions(ActionQuery query) {
        return queries.actions(query);
    }

    /** The same query answered by reading every job: the baseline the indexes are measured against (bench). */
    public List<JobRecord> jobsByFullScan(JobQuery query) {
        return queries.jobsByFullScan(query);
    }

    @Override
    public List<String> jobIdsMatching(String partial, int limit) {
        return queries.jobIdsMatching(partial, limit);
    }

    @Override
    public List<String> actionIdsStartingWith(String prefix, int limit) {
        return queries.actionIdsStartingWith(prefix, limit);
    }

    @Override
    public Map<JobState, Long> countByState() {
        return queries.countByState();
    }

    /** The store file and its journals, in bytes. */
    public long sizeOnDisk() {
        return file.sizeOnDisk();
    }

    public Path file() {
        return file.path;
    }

    // ---- for maintenance ----------------------------------------------------------------------------------------

    /** Every stored job record as its bytes, oldest first; unreadable entries are skipped and counted. */
    void forEachRawJob(BiConsumer<Long, byte[]> each, AtomicLong unreadable) {
        forEachRaw(file.jobs, each, unreadable);
    }

    void forEachRawAction(BiConsumer<Long, byte[]> each, AtomicLong unreadable) {
        forEachRaw(file.actions, each, unreadable);
    }

    private static void forEachRaw(BTreeMap<Long, byte[]> map, BiConsumer<Long, byte[]> each, AtomicLong unreadable) {
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

    /** A store check's view of the indexes: whether each job is indexed as its fields say. */
    Indexes.Check indexCheck() {
        return file.indexes.check(actionId -> action(actionId)
                .map(a -> a.jobIds == null ? Set.<String>of() : Set.copyOf(a.jobIds))
                .orElse(Set.of()));
    }

    /** Everything acknowledged is in MapDB when this returns, unless a checkpoint failed or waits for disk space. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writer.close();
        boolean settled = checkpointer.stop();
        try {
            // After a failure the maps may hold half-applied changes: leave MapDB as its last checkpoint left it;
            // opening the store again replays the journals. Otherwise a last checkpoint, and no journal is left.
            // A checkpoint that waits for disk space has applied nothing: MapDB holds no uncommitted change then,
            // and closes as it is; the journals are replayed on the next open.
            if (writer.failure() == null && !file.isClosed()) {
                if (settled) {
                    try {
                        checkpointer.finalCheckpoint(writer.journal());
                    } catch (IOException | RuntimeException e) {
                        log.warn("final checkpoint failed; the journal will be replayed on next open: {}", e.toString());
                    }
                }
                file.close();
            } else {
                file.releaseLock();
            }
        } finally {
            GroupCommitWriter.closeQuietly(writer.journal());
            checkpointer.abandon();
        }
    }
}
