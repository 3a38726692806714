package dev.causa.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.JobInterruptedException;
import dev.causa.api.Progress;
import dev.causa.engine.action.Redactor;
import dev.causa.engine.store.JobRecord;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A job this process knows is not finished: its record, what it is asked to do next, its latest progress and the
 * futures of those waiting for it. Fields written by other threads are volatile; the record is guarded by its own
 * monitor.
 */
public final class LiveJob {

    final JobRecord record;
    /** The payload as given, secrets included; null after a restart (then the stored, redacted one is used). */
    final JsonNode rawPayload;
    final Set<String> secrets;
    final long sequence;

    volatile JobInterruptedException.Reason stopRequest;
    volatile long stopRequestedNanos;
    volatile Thread runner;
    /**
     * The job's latest report, written with release semantics by the job ({@link #report}) and read with acquire
     * by the progress tick: one plain store per call on x86, which is what lets a job report millions of times.
     */
    private Progress progress;
    /** The report last published; guarded by the record's monitor. */
    Progress published;
    volatile long runStartedNanos;
    volatile String title;
    long lastSavedProgressNanos;
    volatile boolean runningStored;
    final CompletableFuture<JobRecord> finished = new CompletableFuture<>();
    volatile CompletableFuture<JobState> runEnded = CompletableFuture.completedFuture(null);

    LiveJob(JobRecord record, JsonNode rawPayload, Set<String> secrets, long sequence) {
        this.record = record;
        this.rawPayload = rawPayload;
        this.secrets = secrets;
        this.sequence = sequence;
    }

    public String id() {
        return record.id;
    }

    /** The job's record; read its fields under its monitor while the job runs. */
    public JobRecord record() {
        return record;
    }

    /** Completes with the final record once the job is completed, cancelled, or failed with no retry left. */
    public CompletableFuture<JobRecord> finished() {
        return finished;
    }

    private static final java.lang.invoke.VarHandle PROGRESS;

    static {
        try {
            PROGRESS = java.lang.invoke.MethodHandles.lookup().findVarHandle(LiveJob.class, "progress", Progress.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    void report(Progress latest) {
        PROGRESS.setRelease(this, latest);
    }

    Progress latestProgress() {
        return (Progress) PROGRESS.getAcquire(this);
    }

    /** Whether there is a report not yet published. */
    boolean progressPending() {
        Progress latest = latestProgress();
        return latest != null && latest != published;
    }

    String scrub(String text) {
        return Redactor.scrub(text, secrets);
    }
}
