package dev.causa.engine.store;

import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A record store that passes every call to another: a seam where a wrapper overrides only the calls it watches. */
public class ForwardingRecordStore implements RecordStore {

    protected final RecordStore store;

    public ForwardingRecordStore(RecordStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Void> insert(ActionRecord action, List<JobRecord> jobs) {
        return store.insert(action, jobs);
    }

    @Override
    public CompletableFuture<Void> insert(List<JobRecord> jobs) {
        return store.insert(jobs);
    }

    @Override
    public CompletableFuture<Void> update(JobRecord job) {
        return store.update(job);
    }

    @Override
    public CompletableFuture<Void> update(ActionRecord action) {
        return store.update(action);
    }

    @Override
    public Optional<JobRecord> job(String id) {
        return store.job(id);
    }

    @Override
    public Optional<ActionRecord> action(String id) {
        return store.action(id);
    }

    @Override
    public Page<JobRecord> jobs(JobQuery query) {
        return store.jobs(query);
    }

    @Override
    public Page<ActionRecord> actions(ActionQuery query) {
        return store.actions(query);
    }

    @Override
    public List<String> jobIdsMatching(String partial, int limit) {
        return store.jobIdsMatching(partial, limit);
    }

    @Override
    public List<String> actionIdsStartingWith(String prefix, int limit) {
        return store.actionIdsStartingWith(prefix, limit);
    }

    @Override
    public Map<JobState, Long> countByState() {
        return store.countByState();
    }
}
