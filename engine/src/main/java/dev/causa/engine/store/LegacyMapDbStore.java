package dev.causa.engine.store;

import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.local.LocalEventTransport;
import dev.causa.engine.store.local.LocalWorkQueue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Interim: the old MapDB store behind the SPI, until the split backend replaces it. */
public final class LegacyMapDbStore implements Store {

    private final MapDbJobStore store;
    private final LocalWorkQueue queue;
    private final RecordStore records;
    private final LocalEventTransport events = new LocalEventTransport();

    public LegacyMapDbStore(Path file) {
        this(file, java.util.function.UnaryOperator.identity());
    }

    /** @param decorate wraps the backend's records under the work queue (a test's seam) */
    public LegacyMapDbStore(Path file, java.util.function.UnaryOperator<RecordStore> decorate) {
        this.store = MapDbJobStore.open(file);
        RecordStore base = decorate.apply(new Base(store));
        this.queue = new LocalWorkQueue(base);
        this.records = queue.feeding(base);
        queue.recover();
    }

    public MapDbJobStore legacy() {
        return store;
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
    public String location() {
        return store.file().toAbsolutePath().toString();
    }

    @Override
    public long sizeOnDisk() {
        return store.sizeOnDisk();
    }

    @Override
    public void close() {
        queue.close();
        events.close();
        store.close();
    }

    private record Base(MapDbJobStore s) implements RecordStore {
        public CompletableFuture<Void> insert(ActionRecord action, List<JobRecord> jobs) {
            return s.save(action, jobs);
        }

        public CompletableFuture<Void> insert(List<JobRecord> jobs) {
            return CompletableFuture.allOf(jobs.stream().map(s::save).toArray(CompletableFuture[]::new));
        }

        public CompletableFuture<Void> update(JobRecord job) {
            return s.save(job);
        }

        public CompletableFuture<Void> update(ActionRecord action) {
            return s.save(action);
        }

        public Optional<JobRecord> job(String id) {
            return s.job(id);
        }

        public Optional<ActionRecord> action(String id) {
            return s.action(id);
        }

        public Page<JobRecord> jobs(JobQuery query) {
            return Page.last(s.jobs(query));
        }

        public Page<ActionRecord> actions(ActionQuery query) {
            return Page.last(s.actions(query.actionType(), query.limit()));
        }

        public List<String> jobIdsMatching(String partial, int limit) {
            List<String> byPrefix = s.jobIdsStartingWith(partial, limit);
            return byPrefix.isEmpty() && partial.length() >= 4 ? s.jobIdsEndingWith(partial, 10_000, limit) : byPrefix;
        }

        public List<String> actionIdsStartingWith(String prefix, int limit) {
            return s.actionIdsStartingWith(prefix, limit);
        }

        public Map<JobState, Long> countByState() {
            return s.countByState();
        }
    }
}
