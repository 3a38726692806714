package dev.causa.engine.store;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;

import dev.causa.engine.model.JobState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Durable storage of jobs and action records. Writes are asynchronous and grouped: the returned future completes
 * once the change is committed, so a caller acknowledges work only when it would survive a crash. One writer
 * applies all changes; readers see every change handed to the writer once it has been applied.
 */
public interface JobStore extends AutoCloseable {

    /** Stores the job as it is now; later saves of the same job before the next commit are merged into one write. */
    CompletableFuture<Void> save(JobRecord job);

    CompletableFuture<Void> save(ActionRecord action);

    /** Stores an action record and its new jobs in one commit: after a crash there are both or neither. */
    CompletableFuture<Void> save(ActionRecord action, List<JobRecord> jobs);

    /** Completes when everything handed to the store so far is committed. */
    CompletableFuture<Void> flush();

    Optional<JobRecord> job(String id);

    /** Jobs matching the query, newest first, using the most selective index. */
    List<JobRecord> jobs(JobQuery query);

    /** Ids of the newest {@code scan} jobs that end with {@code suffix}, newest first, at most {@code limit}. */
    List<String> jobIdsEndingWith(String suffix, int scan, int limit);

    /** Ids of jobs whose id starts with {@code prefix}, newest first. */
    List<String> jobIdsStartingWith(String prefix, int limit);

    Optional<ActionRecord> action(String id);

    /** Action runs, newest first, optionally of one type. */
    List<ActionRecord> actions(String actionType, int limit);

    /** Ids of action runs whose id starts with {@code prefix}, newest first. */
    List<String> actionIdsStartingWith(String prefix, int limit);

    /** How many jobs are in each state. */
    Map<JobState, Long> countByState();

    /** The store's size on disk in bytes. */
    long sizeOnDisk();

    @Override
    void close();
}
