package dev.causa.engine.store;

import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Jobs and action records: durable writes, reads and listings. A returned future completes once the change is
 * durable (the acknowledgement); changes of one job are applied in the order they were handed over, and a read made
 * after a future completed sees that change. Records are copied on write: a caller may go on changing its objects.
 */
public interface RecordStore {

    /** Stores a new action record and the jobs it dispatched as one unit: after a crash there are both or neither. */
    CompletableFuture<Void> insert(ActionRecord action, List<JobRecord> jobs);

    /** Stores new jobs (dispatched without an action, or spawned by another job). */
    CompletableFuture<Void> insert(List<JobRecord> jobs);

    /** Stores a job as it is now; it was inserted before. */
    CompletableFuture<Void> update(JobRecord job);

    /** Stores an action record as it is now; it was inserted before. */
    CompletableFuture<Void> update(ActionRecord action);

    Optional<JobRecord> job(String id);

    Optional<ActionRecord> action(String id);

    /** Jobs matching the query, newest first, from the query's cursor on. */
    Page<JobRecord> jobs(JobQuery query);

    /** Action runs matching the query, newest first, from the query's cursor on. */
    Page<ActionRecord> actions(ActionQuery query);

    /**
     * Ids of jobs a user may mean by {@code partial}: the ids starting with it, newest first; when none does and it
     * has at least four characters, ids of recent jobs ending with it. At most {@code limit}.
     */
    List<String> jobIdsMatching(String partial, int limit);

    /** Ids of action runs starting with {@code prefix}, newest first, at most {@code limit}. */
    List<String> actionIdsStartingWith(String prefix, int limit);

    /** How many jobs are in each state (states without jobs may be missing). */
    Map<JobState, Long> countByState();
}
