package dev.causa.engine.job;

import dev.causa.engine.model.JobState;
import dev.causa.engine.model.IllegalTransitionException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.Job;
import dev.causa.api.JobInterruptedException;
import dev.causa.api.JobInterruptedException.Reason;
import dev.causa.api.Progress;
import dev.causa.api.RetryPolicy;
import dev.causa.engine.action.Redactor;
import dev.causa.engine.event.EventBus;
import dev.causa.engine.event.Events;
import dev.causa.engine.event.ProgressMessages;
import dev.causa.engine.event.ProgressView;
import dev.causa.engine.json.Json;
import dev.causa.engine.plugin.Contribution;
import dev.causa.engine.plugin.Extensions;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobError;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.RecordStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: a pool of workers taking jobs from a priority queue, cooperative pause/resume/cancel, retries with
 * backoff, child jobs, coalesced progress events, and recovery of jobs that a crash or an exit left behind.
 * Every state change goes through {@link JobRecord#transition} and then to the store.
 */
public final class JobManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobManager.class);
    static final long PROGRESS_TICK_MILLIS = 100;
    private static final long PROGRESS_SAVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final RecordStore store;
    /**
     * The last job write handed to the store: writes are acknowledged in the order they are handed over, so once it
     * completes the ones before it have too (what the old store's flush() gave).
     */
    private volatile CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    private final Supplier<Extensions> extensions;
    private final EventBus events;
    private final Function<String, RetryPolicy> retryPolicies;
    private final int workerCount;
    private final ConcurrentHashMap<String, LiveJob> live = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LiveJob> unresolved = new ConcurrentHashMap<>();
    private final PriorityBlockingQueue<LiveJob> ready = new PriorityBlockingQueue<>(64,
            Comparator.comparingInt((LiveJob j) -> -j.record.priority).thenComparingLong(j -> j.sequence));
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService timer;
    private volatile JobLifecycle lifecycle = JobLifecycle.NONE;
    private volatile boolean started;
    private volatile boolean stopping;

    public JobManager(RecordStore store, Supplier<Extensions> extensions, EventBus events,
                      Function<String, RetryPolicy> retryPolicies, int workerCount) {
        this.store = store;
        this.extensions = extensions;
        this.events = events;
        this.retryPolicies = retryPolicies;
        this.workerCount = Math.max(1, workerCount);
    }

    public void setLifecycle(JobLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    // ---- creating jobs -----------------------------------------------------------------------------------------

    /** A new queued job, not yet stored: hand it to {@link #submit}. */
    public LiveJob prepare(String id, String jobType, Record payload, ActionLink link, String parentJobId) {
        Contribution<Job<?>> handler = extensions.get().job(jobType).orElseThrow(() ->
                new IllegalArgumentException("no installed plugin offers job type '" + jobType + "'"));
        JsonNode raw = Json.tree(payload);
        JobRecord record = new JobRecord();
        record.id = id;
        record.jobType = jobType;
        record.createdAt = Instant.now();
        record.payload = Redactor.redact(raw, handler.extension().payloadType()).json();
        record.parentJobId = parentJobId;
        record.actionId = link.actionId();
        record.actionType = link.actionType();
        record.actionContext = link.context();
        record.transition(JobState.QUEUED, parentJobId == null ? "dispatched" : "spawned by " + parentJobId,
                record.createdAt);
        LiveJob job = new LiveJob(record, raw, link.secrets(), sequence.incrementAndGet());
        job.title = title(handler.extension(), payload, record); // the record at hand: no binding on dispatch
        record.message = ProgressMessages.starting(job.title, record.actionContext, jobType);
        return job;
    }

    /** Stores the jobs; once committed they are queued and the future completes. */
    public CompletableFuture<Void> submit(List<LiveJob> jobs) {
        List<CompletableFuture<Void>> saved = jobs.stream().map(j -> remember(store.insert(List.of(j.record)))).toList();
        return queueWhenStored(jobs, CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new)));
    }

    /**
     * Stores the action record and its jobs as one unit (one commit: a crash never keeps one without the other);
     * once committed the jobs are queued and the future completes.
     */
    public CompletableFuture<Void> submit(ActionRecord action, List<LiveJob> jobs) {
        return queueWhenStored(jobs, remember(store.insert(action, jobs.stream().map(LiveJob::record).toList())));
    }

    private CompletableFuture<Void> queueWhenStored(List<LiveJob> jobs, CompletableFuture<Void> stored) {
        return stored.thenRun(() -> {
            for (LiveJob job : jobs) {
                live.put(job.id(), job);
                publish(Events.JOB_QUEUED, job);
                if (started) ready.add(job);
            }
        });
    }

    String spawnChild(LiveJob parent, String jobType, Record payload) {
        JobRecord p = parent.record;
        LiveJob child = prepare(Ids.next(), jobType, payload, new ActionLink(p.actionId, p.actionContext, parent.secrets), p.id);
        lifecycle.created(child.record);
        live.put(child.id(), child);
        remember(store.insert(List.of(child.record)));
        publish(Events.JOB_QUEUED, child);
        if (started) ready.add(child);
        return child.id();
    }

    /** The job type's title for progress messages; a plugin whose title() throws gets the engine's default. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String title(Job handler, Record payload, JobRecord record) {
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

    // ---- starting and stopping ---------------------------------------------------------------------------------

    /**
     * Starts the workers, after bringing back what the last process left: jobs still marked running (a crash)
     * resume from their checkpoint, jobs paused by an exit resume, queued jobs are queued again.
     */
    public synchronized void start() {
        if (started) return;
        started = true;
        Instant now = Instant.now();
        java.util.Set<String> queued = new java.util.HashSet<>();
        for (JobRecord record : store.jobs(JobQuery.inState(JobState.RUNNING)).items()) {
            if (live.containsKey(record.id)) continue;
            LiveJob job = adopt(record);
            if (record.cancelRequested) {
                // cancelled while it ran, and it never stopped: the user's word stands
                finish(job, JobState.CANCELLED, "cancelled: it did not stop while causa ran", record.error);
                continue;
            }
            synchronized (record) {
                record.transition(JobState.PAUSED, "interrupted: causa stopped while the job ran", now);
                record.resumeOnStart = true;
            }
            save(record);
            if (queued.add(record.id)) ready.add(job);
        }
        for (JobRecord record : store.jobs(JobQuery.inState(JobState.PAUSED)).items()) {
            if (!record.resumeOnStart || !queued.add(record.id)) continue;
            ready.add(live.containsKey(record.id) ? live.get(record.id) : adopt(record));
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("causa-timer")
                .daemon(true).unstarted(r));
        for (JobRecord record : store.jobs(JobQuery.inState(JobState.QUEUED)).items()) {
            if (!queued.add(record.id)) continue;
            LiveJob job = live.containsKey(record.id) ? live.get(record.id) : adopt(record);
            schedule(job, job.record.nextRunAt);
        }
        for (LiveJob job : live.values()) {
            if (job.record.state == JobState.QUEUED && queued.add(job.id())) schedule(job, job.record.nextRunAt);
        }
        lastWrite.join(); // what recovery decided is stored before anyone looks
        timer.scheduleAtFixedRate(this::tickProgress, PROGRESS_TICK_MILLIS, PROGRESS_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < workerCount; i++) {
            workers.add(Thread.ofPlatform().name("causa-worker-" + i).daemon(true).start(this::workLoop));
        }
    }

    private LiveJob adopt(JobRecord record) {
        LiveJob job = new LiveJob(record, null, java.util.Set.of(), sequence.incrementAndGet());
        extensions.get().job(record.jobType).ifPresent(h -> job.title = title(h.extension(), record.payload, record));
        live.put(record.id, job);
        return job;
    }

    public boolean isStarted() {
        return started;
    }

    public int workerCount() {
        return workerCount;
    }

    /**
     * Stops the workers: running jobs are asked to pause at their next pause point and resume on the next start;
     * a job that does not reach one within the grace period stays marked running and is recovered like a crash.
     */
    @Override
    public void close() {
        stopping = true;
        for (LiveJob job : live.values()) {
            // a cancel asked for earlier stays a cancel
            if (job.runner != null && job.stopRequest != Reason.CANCEL) job.stopRequest = Reason.SHUTDOWN;
        }
        joinWorkers(SHUTDOWN_GRACE);
        // a job still running has not reached a pause point in time: interrupt it (blocking I/O, sleeps)
        workers.forEach(Thread::interrupt);
        joinWorkers(Duration.ofSeconds(1));
        if (timer != null) timer.shutdownNow();
        try {
            lastWrite.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("final store flush failed", e);
        }
    }

    private void joinWorkers(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- running -----------------------------------------------------------------------------------------------

    private void workLoop() {
        while (!stopping) {
            LiveJob job;
            try {
                job = ready.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (stopping) return;
                continue;
            }
            if (job == null) continue;
            if (stopping) {
                ready.add(job);
                return;
            }
            try {
                runOne(job);
            } catch (RuntimeException e) {
                log.error("worker failed around job {}", job.id(), e);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void runOne(LiveJob job) {
        JobRecord record = job.record;
        Optional<Contribution<Job<?>>> handler = extensions.get().job(record.jobType);
        if (handler.isEmpty()) {
            unresolved.put(job.id(), job);
            log.warn("job {} waits: no installed plugin offers job type {}", job.id(), record.jobType);
            return;
        }
        String event;
        synchronized (record) {
            if (record.state == JobState.QUEUED) {
                record.attempts++;
                record.nextRunAt = null;
                event = Events.JOB_STARTED;
                record.transition(JobState.RUNNING, record.attempts > 1 ? "attempt " + record.attempts : "started",
                        Instant.now());
            } else if (record.state == JobState.PAUSED) {
                event = Events.JOB_RESUMED;
                boolean fresh = !handler.get().extension().resumable();
                if (fresh) record.checkpoint = null;
                record.transition(JobState.RUNNING, fresh ? "running again from the start (job type is not resumable)"
                        : "resumed from " + (record.checkpoint == null ? "the start" : "its last checkpoint"),
                        Instant.now());
                record.resumeOnStart = false;
            } else {
                return;
            }
            job.stopRequest = null;
            job.runEnded = new CompletableFuture<>();
            job.runner = Thread.currentThread();
            job.runStartedNanos = System.nanoTime();
            // Not stored now: a short job's start and end share one write; the progress tick stores the
            // running state of a job that is still at it (and a crash re-runs a queued job just the same).
            job.runningStored = false;
        }
        publish(event, job);
        JobState outcome = JobState.FAILED;
        try {
            Job h = handler.get().extension();
            JsonNode payload = job.rawPayload != null ? job.rawPayload : record.payload;
            Object bound = Json.mapper().treeToValue(payload, h.payloadType());
            h.run((Record) bound, new JobRun(this, job));
            outcome = finish(job, JobState.COMPLETED, "completed", null);
        } catch (JobInterruptedException e) {
            outcome = stopped(job, e.reason());
        } catch (Throwable t) {
            // a job interrupted because we asked it to stop has stopped, not failed
            Reason requested = job.stopRequest;
            outcome = requested != null ? stopped(job, requested) : fail(job, t);
        } finally {
            job.runner = null;
            Thread.interrupted();
            JobState settled = outcome;
            lastWrite.whenComplete((v, e) -> job.runEnded.complete(settled));
        }
    }

    private JobState stopped(LiveJob job, Reason reason) {
        return switch (reason) {
            case CANCEL -> finish(job, JobState.CANCELLED, "cancelled while running", null);
            case PAUSE -> suspend(job, "paused", false);
            case SHUTDOWN -> suspend(job, "paused: causa is exiting; resumes on next start", true);
        };
    }

    private JobState suspend(LiveJob job, String reason, boolean resumeOnStart) {
        flushProgress(job);
        synchronized (job.record) {
            job.record.transition(JobState.PAUSED, reason, Instant.now());
            job.record.resumeOnStart = resumeOnStart;
        }
        save(job.record).thenRun(() -> publish(Events.JOB_PAUSED, job));
        return JobState.PAUSED;
    }

    private JobState fail(LiveJob job, Throwable error) {
        JobRecord record = job.record;
        RetryPolicy policy = record.actionType == null ? RetryPolicy.NONE : retryPolicies.apply(record.actionType);
        JobError jobError = new JobError(error.getClass().getName(), job.scrub(describe(error)),
                job.scrub(stackOf(error)));
        boolean retry = policy.allowsAnotherAttempt(record.attempts) && !stopping;
        if (!retry) return finish(job, JobState.FAILED, "failed: " + jobError.message(), jobError, true);
        // The failure and the re-queue are stored as one write: stored apart, a crash between the two commits left
        // the job failed for good although its policy allowed another attempt (found by bench/torture).
        flushProgress(job);
        Duration backoff = policy.backoffBefore(record.attempts + 1);
        dev.causa.engine.event.CausaEvent failed;
        synchronized (record) {
            Instant now = Instant.now();
            record.error = jobError;
            record.transition(JobState.FAILED, "failed: " + jobError.message(), now);
            failed = eventFor(Events.JOB_FAILED, job);
            record.nextRunAt = now.plus(backoff);
            record.transition(JobState.QUEUED, "automatic retry " + (record.attempts + 1) + "/"
                    + policy.maxAttempts() + " in " + backoff.toMillis() + " ms", now);
        }
        save(record).whenComplete((ok, e) -> {
            if (failed != null) events.publish(failed);
        });
        schedule(job, record.nextRunAt);
        return JobState.FAILED;
    }

    private JobState finish(LiveJob job, JobState state, String reason, JobError error) {
        return finish(job, state, reason, error, true);
    }

    private JobState finish(LiveJob job, JobState state, String reason, JobError error, boolean last) {
        flushProgress(job);
        synchronized (job.record) {
            job.record.error = error;
            job.record.transition(state, reason, Instant.now());
        }
        String name = switch (state) {
            case COMPLETED -> Events.JOB_COMPLETED;
            case CANCELLED -> Events.JOB_CANCELLED;
            default -> Events.JOB_FAILED;
        };
        var event = eventFor(name, job);
        save(job.record).whenComplete((ok, failure) -> {
            if (event != null) events.publish(event);
            if (last) {
                live.remove(job.id());
                lifecycle.finished(job.record);
                job.finished.complete(job.record);
            }
        });
        return state;
    }

    private void schedule(LiveJob job, Instant notBefore) {
        if (!started) return;
        // rounded up: a job must never start before its backoff has passed
        long delay = notBefore == null ? 0 : (Duration.between(Instant.now(), notBefore).toNanos() + 999_999) / 1_000_000;
        if (delay <= 0) {
            ready.add(job);
        } else {
            timer.schedule(() -> ready.add(job), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues again the jobs that waited for a job type, after plugins changed. */
    public void retryUnresolved() {
        for (LiveJob job : List.copyOf(unresolved.values())) {
            if (extensions.get().job(job.record.jobType).isPresent()) {
                unresolved.remove(job.id());
                ready.add(job);
            }
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) return t.getClass().getSimpleName();
        // file system errors carry only a path as their message: name the error too
        return t instanceof java.nio.file.FileSystemException ? t.getClass().getSimpleName() + ": " + message : message;
    }

    private static String stackOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    // ---- user commands -------------------------------------------------------------------------------------------

    /** The live job, or the stored one adopted as live; empty if no such job exists. */
    private Optional<LiveJob> find(String id) {
        LiveJob job = live.get(id);
        if (job != null) return Optional.of(job);
        return store.job(id).map(record -> record.state.isFinished() ? new LiveJob(record, null,
                java.util.Set.of(), 0) : adopt(record));
    }

    private LiveJob require(String id) {
        return find(id).orElseThrow(() -> new java.util.NoSuchElementException("no job " + id));
    }

    /**
     * Asks a running job to pause at its next pause point. The future completes with the state the job settles in.
     */
    public CompletableFuture<JobState> pause(String id) {
        LiveJob job = require(id);
        synchronized (job.record) {
            if (job.record.state != JobState.RUNNING) {
                throw new IllegalTransitionException(id, job.record.state, JobState.PAUSED);
            }
            if (job.runner == null) {
                // Marked running by a process that is gone: it already stands at its last checkpoint.
                job.record.transition(JobState.PAUSED, "paused (its process had stopped)", Instant.now());
                save(job.record).thenRun(() -> publish(Events.JOB_PAUSED, job));
                return lastWrite.thenApply(v -> JobState.PAUSED);
            }
            job.stopRequest = Reason.PAUSE;
            job.stopRequestedNanos = System.nanoTime();
            return job.runEnded;
        }
    }

    /** Runs a paused job again from its checkpoint; needs started workers. */
    public CompletableFuture<JobRecord> resume(String id) {
        requireStarted("resume");
        LiveJob job = require(id);
        synchronized (job.record) {
            if (!job.record.state.canMoveTo(JobState.RUNNING) || job.record.state != JobState.PAUSED) {
                throw new IllegalTransitionException(id, job.record.state, JobState.RUNNING);
            }
        }
        ready.add(job);
        return job.finished;
    }

    /** Cancels a queued, paused or running job; its history and context are kept. */
    public CompletableFuture<JobState> cancel(String id) {
        LiveJob job = require(id);
        synchronized (job.record) {
            JobState state = job.record.state;
            if (!state.canMoveTo(JobState.CANCELLED)) {
                throw new IllegalTransitionException(id, state, JobState.CANCELLED);
            }
            if (state == JobState.RUNNING && job.runner != null) {
                job.stopRequest = Reason.CANCEL;
                job.stopRequestedNanos = System.nanoTime();
                job.record.cancelRequested = true;
                save(job.record);
                job.runner.interrupt();
                return job.runEnded;
            }
            ready.remove(job);
            unresolved.remove(id);
            finish(job, JobState.CANCELLED, "cancelled while " + state.label(), null);
        }
        return lastWrite.thenApply(v -> JobState.CANCELLED);
    }

    /** Queues a failed job for another attempt. */
    public CompletableFuture<JobRecord> retry(String id) {
        LiveJob job = require(id);
        synchronized (job.record) {
            if (!job.record.state.canMoveTo(JobState.QUEUED)) {
                throw new IllegalTransitionException(id, job.record.state, JobState.QUEUED);
            }
            job.record.transition(JobState.QUEUED, "retry requested", Instant.now());
            job.record.nextRunAt = null;
        }
        LiveJob fresh = live.computeIfAbsent(id, k -> job);
        save(job.record);
        publish(Events.JOB_QUEUED, fresh);
        schedule(fresh, null);
        return fresh.finished;
    }

    private CompletableFuture<Void> save(JobRecord record) {
        return remember(store.update(record));
    }

    private CompletableFuture<Void> remember(CompletableFuture<Void> write) {
        lastWrite = write;
        return write;
    }

    private void requireStarted(String what) {
        if (!started) throw new IllegalStateException("cannot " + what + ": no workers are running in this process");
    }

    /** A job this process is running or waiting to run. */
    public Optional<LiveJob> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    public List<LiveJob> liveJobs() {
        return List.copyOf(live.values());
    }

    /**
     * Jobs asked to stop (pause, cancel, exit) that have not reached a pause point within {@code grace}: stuck
     * jobs. Java cannot kill a thread, so they are reported, and a cancelled one is cancelled on the next start.
     */
    public List<JobRecord> stuck(Duration grace) {
        long now = System.nanoTime();
        return live.values().stream()
                .filter(j -> j.runner != null && j.stopRequest != null && now - j.stopRequestedNanos > grace.toNanos())
                .map(LiveJob::record).toList();
    }

    public int queuedCount() {
        return ready.size();
    }

    /** Jobs a worker took but left waiting because no started plugin offers their job type. */
    public int unresolvedCount() {
        return unresolved.size();
    }

    /** The latest progress of a running job, with its contextual message. */
    public Optional<ProgressView> progressOf(String id) {
        LiveJob job = live.get(id);
        if (job == null) return Optional.empty();
        Progress latest = job.latestProgress();
        return latest == null ? Optional.empty() : Optional.of(view(job, latest));
    }

    // ---- progress and events -----------------------------------------------------------------------------------

    private ProgressView view(LiveJob job, Progress progress) {
        String message = job.scrub(ProgressMessages.message(progress, job.title, job.record.actionContext,
                job.record.jobType));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - job.runStartedNanos);
        return ProgressView.of(progress, message, elapsed);
    }

    private void tickProgress() {
        try {
            for (LiveJob job : live.values()) {
                if (job.runner == null) continue;
                flushProgress(job);
                if (!job.runningStored) {
                    job.runningStored = true;
                    save(job.record);
                }
            }
        } catch (RuntimeException e) {
            log.warn("progress tick failed", e);
        }
    }

    /** Publishes the job's latest progress if it changed, and stores it now and then. */
    private void flushProgress(LiveJob job) {
        // under the job's monitor: the tick and the job's own final flush must not publish out of order
        synchronized (job.record) {
            Progress latest = job.takeUnpublished();
            if (latest == null) return;
            ProgressView view = view(job, latest);
            job.record.progress = view.progress();
            job.record.message = view.message();
            if (events.hasListeners()) events.publish(Events.job(Events.JOB_PROGRESS, job.record, view, Instant.now()));
        }
        saveProgress(job, false);
    }

    void saveProgress(LiveJob job, boolean now) {
        long t = System.nanoTime();
        if (now || t - job.lastSavedProgressNanos > PROGRESS_SAVE_NANOS) {
            job.lastSavedProgressNanos = t;
            save(job.record);
        }
    }

    private void publish(String name, LiveJob job) {
        var event = eventFor(name, job);
        if (event != null) events.publish(event);
    }

    private dev.causa.engine.event.CausaEvent eventFor(String name, LiveJob job) {
        if (!events.hasListeners()) return null;
        synchronized (job.record) {
            return Events.job(name, job.record, null, Instant.now());
        }
    }
}
