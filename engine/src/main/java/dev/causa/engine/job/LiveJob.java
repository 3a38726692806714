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
    volatile Progress progress;
    volatile boolean progressDirty;
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

    String scrub(String text) {
        return Redactor.scrub(text, secrets);
    }
}
