package dev.causa.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.ActionContext;
import dev.causa.api.JobContext;
import dev.causa.api.JobOptions;
import dev.causa.api.JobInterruptedException;
import dev.causa.api.Progress;
import dev.causa.engine.redact.Redactor;
import dev.causa.engine.json.Json;
import java.time.Instant;
import java.util.Optional;

/** The {@link JobContext} of one run of a job. */
final class JobRun implements JobContext {

    /** What a running job asks of the engine. */
    interface Host {
        /** Stores the job's progress and checkpoint now. */
        void saveNow(LiveJob job);

        String spawnChild(LiveJob parent, String jobType, Record payload, JobOptions options);
    }

    private final Host host;
    private final LiveJob job;

    JobRun(Host host, LiveJob job) {
        this.host = host;
        this.job = job;
    }

    @Override
    public String jobId() {
        return job.record.id;
    }

    @Override
    public Optional<ActionContext> actionContext() {
        return Optional.ofNullable(job.record.actionContext);
    }

    @Override
    public int attempt() {
        return job.record.attempts;
    }

    @Override
    public void progress(Progress progress) {
        job.report(progress);
    }

    @Override
    public void progress(long completed, long total) {
        job.reportCounts(completed, total);
    }

    @Override
    public void checkpoint(Object state) {
        JsonNode tree = Redactor.redact(Json.tree(state), state == null ? null : state.getClass()).json();
        synchronized (job.record) {
            job.record.checkpoint = tree;
        }
        host.saveNow(job);
    }

    @Override
    public <T> Optional<T> restore(Class<T> type) {
        JsonNode checkpoint;
        synchronized (job.record) {
            checkpoint = job.record.checkpoint;
        }
        if (checkpoint == null || checkpoint.isNull()) return Optional.empty();
        try {
            return Optional.of(Json.mapper().treeToValue(checkpoint, type));
        } catch (Exception e) {
            throw new IllegalStateException("the checkpoint of job " + jobId() + " does not bind to "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pausePoint() {
        JobInterruptedException.Reason reason = job.stopRequest;
        if (reason != null) throw new JobInterruptedException(reason);
    }

    @Override
    public boolean stopRequested() {
        return job.stopRequest != null;
    }

    @Override
    public String spawnChild(String jobType, Record payload, JobOptions options) {
        return host.spawnChild(job, jobType, payload, options);
    }

    @Override
    public void log(String line) {
        String stamped = Instant.now() + " " + job.scrub(line);
        synchronized (job.record) {
            job.record.log(stamped);
        }
    }
}
