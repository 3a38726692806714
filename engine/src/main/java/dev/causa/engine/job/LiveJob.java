package dev.causa.engine.job;

import dev.causa.engine.model.JobState;
import dev.causa.engine.store.Lease;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.JobInterruptedException;
import dev.causa.api.Progress;
import dev.causa.engine.redact.Redactor;
import dev.causa.engine.model.JobRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
    /** This node's lease on the job while it holds one (claimed, not yet settled). */
    volatile Lease lease;
    @SuppressWarnings("unused") // through ANNOUNCED
    private volatile boolean announced;

    volatile JobInterruptedException.Reason stopRequest;
    volatile long stopRequestedNanos;
    volatile Thread runner;
    /**
     * The job's progress, kept as the last full report (its phase, message, bytes, path and counts of issues) and
     * two counters that every report sets. Only the job's thread writes them ({@link #report},
     * {@link #reportCounts}); the progress tick reads them. The counters are opaque stores (a plain store on x86
     * that the JIT may not defer to the end of the job's loop) and the full report is a release store written after
     * them, so a tick that sees a report sees counts at least as new. A report that differs from the last one only
     * in its counts stores nothing else: the caller's {@link Progress} is never kept, so a job that builds one per
     * item allocates nothing once the JIT has inlined the call.
     */
    private Progress base;
    @SuppressWarnings("unused") // through COMPLETED
    private long completed = NO_REPORT;
    @SuppressWarnings("unused") // through TOTAL
    private long total = -1;
    /** What was last published, and the full report it was made from; guarded by the record's monitor. */
    private Progress published;
    private Progress publishedBase;
    volatile long runStartedNanos;
    volatile String title;
    long lastSavedProgressNanos;
    volatile boolean runningStored;
    final CompletableFuture<JobRecord> finished = new CompletableFuture<>();
    volatile CompletableFuture<JobState> runEnded = CompletableFuture.completedFuture(null);

    LiveJob(JobRecord record, JsonNode rawPayload, Set<String> secrets) {
        this.record = record;
        this.rawPayload = rawPayload;
        this.secrets = secrets;
    }

    /** The job's last write to the store: changes of one job are stored in order, so it stands for all of them. */
    private volatile CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

    CompletableFuture<Void> wrote(CompletableFuture<Void> write) {
        lastWrite = write;
        return write;
    }

    /** Completes once every change of this job handed to the store so far is durable. */
    public CompletableFuture<Void> written() {
        return lastWrite;
    }

    /** True the first time only: the job's {@code job.queued} event is to be published now. */
    boolean markAnnounced() {
        return ANNOUNCED.compareAndSet(this, false, true);
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

    /** The value of {@code completed} before any report. */
    private static final long NO_REPORT = Long.MIN_VALUE;
    private static final VarHandle BASE;
    private static final VarHandle COMPLETED;
    private static final VarHandle TOTAL;
    private static final VarHandle ANNOUNCED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BASE = lookup.findVarHandle(LiveJob.class, "base", Progress.class);
            COMPLETED = lookup.findVarHandle(LiveJob.class, "completed", long.class);
            TOTAL = lookup.findVarHandle(LiveJob.class, "total", long.class);
            ANNOUNCED = lookup.findVarHandle(LiveJob.class, "announced", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A full report, from the job's thread. */
    void report(Progress latest) {
        Progress last = base; // the job's own thread wrote it
        if (last == null || !sameButCounts(last, latest)) {
            COMPLETED.setOpaque(this, latest.completed());
            TOTAL.setOpaque(this, latest.total());
            // a copy: keeping the caller's object would make it escape, and cost an allocation per call
            BASE.setRelease(this, new Progress(latest.phase(), latest.message(), latest.completed(), latest.total(),
                    latest.bytesCompleted(), latest.totalBytes(), latest.currentPath(), latest.errorCount(),
                    latest.warningCount()));
        } else {
            reportCounts(latest.completed(), latest.total());
        }
    }

    /** New counts under the last full report, from the job's thread. */
    void reportCounts(long done, long all) {
        COMPLETED.setOpaque(this, done);
        TOTAL.setOpaque(this, all);
    }

    private static boolean sameButCounts(Progress a, Progress b) {
        return same(a.phase(), b.phase()) && same(a.message(), b.message())
                && a.bytesCompleted() == b.bytesCompleted() && a.totalBytes() == b.totalBytes()
                && same(a.currentPath(), b.currentPath()) && a.errorCount() == b.errorCount()
                && a.warningCount() == b.warningCount();
    }

    private static boolean same(String a, String b) {
        return a == b || a != null && a.equals(b);
    }

    /** The latest progress: the last full report with the latest counts; null before any report. */
    Progress latestProgress() {
        Progress last = (Progress) BASE.getAcquire(this);
        return effective(last, (long) COMPLETED.getOpaque(this), (long) TOTAL.getOpaque(this));
    }

    /**
     * The latest progress if it changed since it was last taken, which marks it published; else null. Call under
     * the record's monitor.
     */
    Progress takeUnpublished() {
        Progress last = (Progress) BASE.getAcquire(this);
        long done = (long) COMPLETED.getOpaque(this);
        long all = (long) TOTAL.getOpaque(this);
        if (published != null && last == publishedBase && published.completed() == done
                && published.total() == all) {
            return null;
        }
        Progress latest = effective(last, done, all);
        if (latest != null) {
            published = latest;
            publishedBase = last;
        }
        return latest;
    }

    private static Progress effective(Progress last, long done, long all) {
        if (last == null) return done == NO_REPORT ? null : new Progress(null, null, done, all, -1, -1, null, 0, 0);
        if (last.completed() == done && last.total() == all) return last;
        return new Progress(last.phase(), last.message(), done, all, last.bytesCompleted(), last.totalBytes(),
                last.currentPath(), last.errorCount(), last.warningCount());
    }

    /** The report with this job's secrets scrubbed from its texts (phase, message, current path). */
    Progress scrubbed(Progress p) {
        if (p == null || secrets.isEmpty()) return p;
        return new Progress(scrub(p.phase()), scrub(p.message()), p.completed(), p.total(), p.bytesCompleted(),
                p.totalBytes(), scrub(p.currentPath()), p.errorCount(), p.warningCount());
    }

    String scrub(String text) {
        return Redactor.scrub(text, secrets);
    }
}
