package dev.causa.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.Job;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.EventBus;
import dev.causa.engine.event.Events;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.plugin.Extensions;
import dev.causa.engine.store.EventTransport;
import dev.causa.engine.store.Lease;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the parts of the job package share: the store's records and work queue, the plugins' job types, the events,
 * the jobs this process knows are unfinished ({@link LiveJob}), and the one way each of them writes a job.
 */
final class JobRuntime {

    final RecordStore records;
    final WorkQueue queue;
    final Supplier<Extensions> extensions;
    final EventBus events;
    final JobSettings settings;
    /** The store's event transport: control requests travel on it between the nodes of a shared store. */
    final EventTransport transport;
    /** Whether other processes use the store too (PostgreSQL): a job may run on another node. */
    final boolean shared;
    final ConcurrentHashMap<String, LiveJob> live = new ConcurrentHashMap<>();
    /**
     * Jobs handed to the store and not yet acknowledged: not live yet, but a worker that claims one the moment it is
     * committed finds its payload, secrets and waiters here.
     */
    final ConcurrentHashMap<String, LiveJob> pending = new ConcurrentHashMap<>();
    volatile JobLifecycle lifecycle = JobLifecycle.NONE;

    JobRuntime(RecordStore records, WorkQueue queue, EventTransport transport, Supplier<Extensions> extensions,
               EventBus events, JobSettings settings) {
        this.transport = transport;
        this.shared = transport.shared();
        this.records = records;
        this.queue = queue;
        this.extensions = extensions;
        this.events = events;
        this.settings = settings;
    }

    /**
     * Stores the job as it is now: under its lease while this node holds one (a node that lost it stores nothing),
     * else as a plain update.
     */
    CompletableFuture<Void> save(LiveJob job) {
        Lease lease = job.lease;
        return job.wrote(lease != null ? queue.update(lease, job.record) : records.update(job.record));
    }

    /** Stores the job's settled state and gives up its lease, if this node holds one. */
    CompletableFuture<Void> settle(LiveJob job) {
        Lease lease = job.lease;
        job.lease = null;
        return job.wrote(lease != null ? queue.release(lease, job.record) : records.update(job.record));
    }

    /** The live job, or a stored one taken into this process. */
    LiveJob adopt(JobRecord record) {
        return live.computeIfAbsent(record.id, id -> {
            LiveJob submitted = pending.get(id);
            if (submitted != null) return submitted;
            LiveJob job = new LiveJob(record, null, Set.of());
            extensions.get().job(record.jobType).ifPresent(h -> job.title = title(h.extension(), record.payload,
                    record));
            return job;
        });
    }

    /** The live job, or the stored one (adopted unless it has finished); empty if no such job exists. */
    Optional<LiveJob> find(String id) {
        LiveJob job = live.get(id);
        if (job != null) return Optional.of(job);
        return records.job(id).map(record -> record.state.isFinished()
                ? new LiveJob(record, null, Set.of()) : track(record));
    }

    /**
     * A stored unfinished job taken into this process by someone who waits for it (not a worker): if a worker ran
     * it to its end between the read and now, the waiter is told at once instead of waiting for ever.
     */
    LiveJob track(JobRecord stored) {
        LiveJob job = adopt(stored);
        if (job.record == stored) {
            records.job(stored.id).filter(r -> r.state.isFinished()).ifPresent(ended -> {
                live.remove(ended.id, job);
                job.finished.complete(ended);
            });
        }
        return job;
    }

    LiveJob require(String id) {
        LiveJob job = find(id).orElseThrow(() -> new java.util.NoSuchElementException("no job " + id));
        refresh(job);
        return job;
    }

    /**
     * On a shared store, a job this process holds but neither runs nor holds a lease on may have moved on at
     * another node: its record is brought up to date from the store. A finished one is let go (its waiters told).
     */
    void refresh(LiveJob job) {
        if (!shared || job.runner != null || job.lease != null) return;
        JobRecord stored = records.job(job.id()).orElse(null);
        if (stored == null) return;
        synchronized (job.record) {
            if (job.runner != null || job.lease != null) return;
            job.record.copyFrom(stored);
        }
        if (stored.state.isFinished() && live.remove(job.id(), job)) job.finished.complete(job.record);
    }

    /** The job type's title for progress messages; a plugin whose title() throws gets the engine's default. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static String title(Job handler, Record payload, JobRecord record) {
        try {
            return handler.title(payload, record.actionContext);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The title of a job read back from the store: its payload is bound again first. */
    private static String title(Job<?> handler, JsonNode payload, JobRecord record) {
        try {
            return title(handler, (Record) Json.mapper().treeToValue(payload, handler.payloadType()), record);
        } catch (Exception e) {
            return null;
        }
    }

    void publish(String name, LiveJob job) {
        CausaEvent event = eventFor(name, job);
        if (event != null) events.publish(event);
    }

    CausaEvent eventFor(String name, LiveJob job) {
        if (!events.hasListeners()) return null;
        synchronized (job.record) {
            return Events.job(name, job.record, null, Instant.now());
        }
    }

    /** Publishes {@code job.queued} once, whoever comes first: the dispatcher after the commit, or the worker. */
    void announceQueued(LiveJob job) {
        // under the job's monitor: whoever loses the race waits until the winner's event is on the bus
        synchronized (job.record) {
            if (job.markAnnounced()) publish(Events.JOB_QUEUED, job);
        }
    }

    Duration lease() {
        return settings.lease();
    }
}
