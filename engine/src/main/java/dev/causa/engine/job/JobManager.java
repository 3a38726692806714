package dev.causa.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.Job;
import dev.causa.api.JobOptions;
import dev.causa.api.RetryPolicy;
import dev.causa.engine.redact.Redactor;
import dev.causa.engine.event.EventBus;
import dev.causa.engine.event.ProgressMessages;
import dev.causa.engine.event.ProgressView;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.plugin.Contribution;
import dev.causa.engine.plugin.Extensions;
import dev.causa.engine.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The job package's front: creates jobs, starts and stops the {@link Workers} (which claim from the store's work
 * queue), and passes user commands to {@link JobControl}. Recovery needs no step of its own: jobs an earlier
 * process left have no live lease, so the work queue hands them out again ({@link Recovery} words the history).
 */
public final class JobManager implements AutoCloseable, JobRun.Host {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final JobRuntime rt;
    private final ProgressTicker progress;
    private final Outcomes outcomes;
    private final JobControl control;
    private final ControlListener remote;
    private final Workers workers;
    private ScheduledExecutorService timer;
    private volatile boolean started;

    public JobManager(Store store, Supplier<Extensions> extensions, EventBus events,
                      Function<String, RetryPolicy> retryPolicies, JobSettings settings) {
        this.rt = new JobRuntime(store.records(), store.queue(), store.events(), extensions, events, settings);
        this.progress = new ProgressTicker(rt);
        this.outcomes = new Outcomes(rt, progress);
        this.remote = new ControlListener(rt);
        this.control = new JobControl(rt, outcomes, remote);
        remote.listen(control::applyRequest);
        this.workers = new Workers(rt, outcomes, new Retries(rt, outcomes, progress, retryPolicies), this);
    }

    public void setLifecycle(JobLifecycle lifecycle) {
        rt.lifecycle = lifecycle;
    }

    // ---- creating jobs -----------------------------------------------------------------------------------------

    /** A new queued job, not yet stored: hand it to {@link #submit}. */
    public LiveJob prepare(String id, String jobType, Record payload, ActionLink link, String parentJobId,
                           JobOptions options) {
        Contribution<Job<?>> handler = rt.extensions.get().job(jobType).orElseThrow(() ->
                new IllegalArgumentException("no installed plugin offers job type '" + jobType + "'"));
        JsonNode raw = Json.tree(payload);
        JobRecord record = new JobRecord();
        record.id = id;
        record.jobType = jobType;
        record.priority = options.priority();
        record.createdAt = Instant.now();
        record.payload = Redactor.redact(raw, handler.extension().payloadType()).json();
        record.parentJobId = parentJobId;
        record.actionId = link.actionId();
        record.actionType = link.actionType();
        record.actionContext = link.context();
        record.transition(JobState.QUEUED, parentJobId == null ? "dispatched" : "spawned by " + parentJobId,
                record.createdAt);
        LiveJob job = new LiveJob(record, raw, link.secrets());
        job.title = JobRuntime.title(handler.extension(), payload, record); // the record at hand: no binding again
        record.message = ProgressMessages.starting(job.title, record.actionContext, jobType);
        return job;
    }

    /** Stores new jobs without an action; once committed they are queued and the future completes. */
    public CompletableFuture<Void> submit(List<LiveJob> jobs) {
        return queued(jobs, rt.records.insert(jobs.stream().map(LiveJob::record).toList()));
    }

    /**
     * Stores the action record and its jobs as one unit (a crash never keeps one without the other); once
     * committed the jobs are queued and the future completes.
     */
    public CompletableFuture<Void> submit(ActionRecord action, List<LiveJob> jobs) {
        return queued(jobs, rt.records.insert(action, jobs.stream().map(LiveJob::record).toList()));
    }

    private CompletableFuture<Void> queued(List<LiveJob> jobs, CompletableFuture<Void> stored) {
        // known before the commit: a worker that claims a job at once finds its live payload and waiters
        for (LiveJob job : jobs) rt.pending.put(job.id(), job);
        return stored.whenComplete((ok, failure) -> {
            for (LiveJob job : jobs) {
                if (failure == null) {
                    rt.live.putIfAbsent(job.id(), job);
                    rt.announceQueued(job);
                }
                rt.pending.remove(job.id(), job);
            }
        });
    }

    @Override
    public String spawnChild(LiveJob parent, String jobType, Record payload, JobOptions options) {
        JobRecord p = parent.record;
        LiveJob child = prepare(Ids.next(), jobType, payload, new ActionLink(p.actionId, p.actionContext,
                parent.secrets), p.id, options);
        rt.lifecycle.created(child.record);
        submit(List.of(child));
        return child.id();
    }

    @Override
    public void saveNow(LiveJob job) {
        progress.save(job, true);
    }

    // ---- starting and stopping ---------------------------------------------------------------------------------

    /**
     * Starts the workers. Work an earlier process left continues through the work queue: jobs it left running
     * resume from their checkpoint, jobs paused by its exit resume, queued jobs run.
     */
    public synchronized void start() {
        if (started) return;
        started = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("causa-timer")
                .daemon(true).unstarted(r));
        timer.scheduleAtFixedRate(progress::tick, ProgressTicker.TICK_MILLIS, ProgressTicker.TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        long beat = Math.max(100, rt.lease().toMillis() / 3);
        timer.scheduleAtFixedRate(workers::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        workers.start();
    }

    public boolean isStarted() {
        return started;
    }

    /** How long a claim lasts without a heartbeat. */
    public Duration lease() {
        return rt.lease();
    }

    /** This process's name on the store. */
    public String node() {
        return rt.settings.node();
    }

    public int workerCount() {
        return rt.settings.workers();
    }

    /**
     * Stops the workers: running jobs are asked to pause at their next pause point and resume on the next start;
     * a job that does not reach one within the grace period stays marked running and is recovered like a crash.
     */
    @Override
    public void close() {
        if (started) workers.stop(SHUTDOWN_GRACE);
        if (timer != null) timer.shutdownNow();
        remote.close();
    }

    /** Wakes the workers after plugins changed: jobs that waited for a job type may be claimable now. */
    public void retryUnresolved() {
        workers.wake();
    }

    // ---- user commands -------------------------------------------------------------------------------------------

    public CompletableFuture<JobState> pause(String id) {
        return control.pause(id);
    }

    public CompletableFuture<JobRecord> resume(String id) {
        return control.resume(id);
    }

    public CompletableFuture<JobState> cancel(String id) {
        return control.cancel(id);
    }

    public CompletableFuture<JobRecord> retry(String id) {
        return control.retry(id);
    }

    // ---- what runs here ------------------------------------------------------------------------------------------

    /** An unfinished job, taken into this process if it is only stored: its futures tell when it ends. */
    public Optional<LiveJob> live(String id) {
        LiveJob job = rt.live.get(id);
        if (job != null) return Optional.of(job);
        return rt.find(id).filter(j -> rt.live.get(id) == j);
    }

    /** The stored unfinished job as live in this process (the one already live, if it is), to await its end. */
    public LiveJob track(JobRecord stored) {
        return rt.track(stored);
    }

    public List<LiveJob> liveJobs() {
        return List.copyOf(rt.live.values());
    }

    /**
     * Jobs asked to stop (pause, cancel, exit) that have not reached a pause point within {@code grace}: stuck
     * jobs. Java cannot kill a thread, so they are reported, and a cancelled one is cancelled on the next start.
     */
    public List<JobRecord> stuck(Duration grace) {
        long now = System.nanoTime();
        return rt.live.values().stream()
                .filter(j -> j.runner != null && j.stopRequest != null && now - j.stopRequestedNanos > grace.toNanos())
                .map(LiveJob::record).toList();
    }

    /** Jobs this process knows of that wait for a worker. */
    public int queuedCount() {
        return (int) rt.live.values().stream().filter(j -> j.record.state == JobState.QUEUED).count();
    }

    /** Jobs this process knows of that wait because no started plugin offers their job type. */
    public int unresolvedCount() {
        Extensions now = rt.extensions.get();
        return (int) rt.live.values().stream().filter(j -> now.job(j.record.jobType).isEmpty()).count();
    }

    /** The latest progress of a running job, with its contextual message. */
    public Optional<ProgressView> progressOf(String id) {
        return progress.of(id);
    }
}
