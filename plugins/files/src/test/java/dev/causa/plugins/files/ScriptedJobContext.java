package dev.causa.plugins.files;

import dev.causa.api.ActionContext;
import dev.causa.api.JobContext;
import dev.causa.api.JobInterruptedException;
import dev.causa.api.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JobContext that behaves like the engine's for one run: it keeps the last checkpoint, and asks the job to
 * pause once it has checkpointed {@code pauseAfter} times (as if a user paused or the process stopped there).
 */
final class ScriptedJobContext implements JobContext {

    private Object checkpoint;
    private final int pauseAfter;
    private int checkpoints;
    final List<Progress> progress = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    ScriptedJobContext(Object checkpoint, int pauseAfter) {
        this.checkpoint = checkpoint;
        this.pauseAfter = pauseAfter;
    }

    Object lastCheckpoint() {
        return checkpoint;
    }

    @Override
    public String jobId() {
        return "test-job";
    }

    @Override
    public Optional<ActionContext> actionContext() {
        return Optional.empty();
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public void progress(Progress p) {
        progress.add(p);
    }

    @Override
    public void checkpoint(Object state) {
        checkpoint = state;
        checkpoints++;
    }

    @Override
    public <T> Optional<T> restore(Class<T> type) {
        return Optional.ofNullable(type.cast(checkpoint));
    }

    @Override
    public void pausePoint() {
        if (stopRequested()) throw new JobInterruptedException(JobInterruptedException.Reason.PAUSE);
    }

    @Override
    public boolean stopRequested() {
        return pauseAfter >= 0 && checkpoints >= pauseAfter;
    }

    @Override
    public String spawnChild(String jobType, Record payload, dev.causa.api.JobOptions options) {
        throw new UnsupportedOperationException("files jobs spawn no children");
    }

    @Override
    public void log(String line) {
        log.add(line);
    }
}
