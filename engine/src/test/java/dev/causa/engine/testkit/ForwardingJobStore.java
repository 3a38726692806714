package dev.causa.engine.testkit;

import dev.causa.engine.model.JobState;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.JobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A real store with a seam: tests override the one call they watch or slow down. Closing it leaves the store open. */
public class ForwardingJobStore implements JobStore {

    protected final JobStore store;

    public ForwardingJobStore(JobStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Void> save(JobRecord job) {
        return store.save(job);
    }

    @Override
    public CompletableFuture<Void> save(ActionRecord action) {
        return store.save(action);
    }

    @Override
    public CompletableFuture<Void> save(ActionRecord action, List<JobRecord> jobs) {
        return store.save(action, jobs);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return store.flush();
    }

    @Override
    public Optional<JobRecord> job(String id) {
        return store.job(id);
    }

    @Override
    public List<JobRecord> jobs(JobQuery query) {
        return store.jobs(query);
    }

    @Override
    public List<String> jobIdsEndingWith(String suffix, int scan, int limit) {
        return store.jobIdsEndingWith(suffix, scan, limit);
    }

    @Override
    public List<String> jobIdsStartingWith(String prefix, int limit) {
        return store.jobIdsStartingWith(prefix, limit);
    }

    @Override
    public Optional<ActionRecord> action(String id) {
        return store.action(id);
    }

    @Override
    public List<ActionRecord> actions(String actionType, int limit) {
        return store.actions(actionType, limit);
    }

    @Override
    public List<String> actionIdsStartingWith(String prefix, int limit) {
        return store.actionIdsStartingWith(prefix, limit);
    }

    @Override
    public Map<JobState, Long> countByState() {
        return store.countByState();
    }

    @Override
    public long sizeOnDisk() {
        return store.sizeOnDisk();
    }

    @Override
    public void close() {
    }
}
