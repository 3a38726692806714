package dev.causa.engine.testkit;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.List;

/**
 * A job of {@code steps} numbered steps. It checkpoints after each, then passes a pause point. Tests can hold it
 * before a given step (a gate) and read which steps ran, in order, per job.
 */
public final class StepsJob implements Job<StepsJob.Payload> {

    public static final String TYPE = "steps";

    /** The job's input. */
    public record Payload(int steps, int holdBefore, String failWith, int failAttempts, String secretToLog) {
    }

    /** Where the job stands: the next step to run. */
    public record Checkpoint(int next) {
    }

    /** Steps run, per job id, in order. */
    public static final Map<String, List<Integer>> RAN = new ConcurrentHashMap<>();
    /** Released by a test to let a held job past its gate. */
    public static final Map<String, Semaphore> GATES = new ConcurrentHashMap<>();
    /** Released by the job when it reaches its gate. */
    public static final Map<String, Semaphore> AT_GATE = new ConcurrentHashMap<>();

    public static void reset() {
        RAN.clear();
        GATES.clear();
        AT_GATE.clear();
    }

    public static Semaphore atGate(String jobId) {
        return AT_GATE.computeIfAbsent(jobId, k -> new Semaphore(0));
    }

    public static Semaphore gate(String jobId) {
        return GATES.computeIfAbsent(jobId, k -> new Semaphore(0));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    @Override
    public String title(Payload payload, ActionContext action) {
        return action == null ? null : action.contextValue("name", "unnamed") + " steps";
    }

    @Override
    public void run(Payload payload, JobContext ctx) throws Exception {
        if (payload.secretToLog() != null) ctx.log("using " + payload.secretToLog());
        if (payload.failWith() != null && ctx.attempt() <= payload.failAttempts()) {
            throw new IllegalStateException(payload.failWith() + " (attempt " + ctx.attempt() + ")");
        }
        int next = ctx.restore(Checkpoint.class).map(Checkpoint::next).orElse(0);
        List<Integer> ran = RAN.computeIfAbsent(ctx.jobId(), k -> new CopyOnWriteArrayList<>());
        for (int step = next; step < payload.steps(); step++) {
            if (step == payload.holdBefore()) {
                atGate(ctx.jobId()).release();
                while (!gate(ctx.jobId()).tryAcquire(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    ctx.pausePoint();
                }
            }
            ran.add(step);
            ctx.checkpoint(new Checkpoint(step + 1));
            if (payload.secretToLog() != null) { // careless reporting: the secret in the message and the path
                ctx.progress(new Progress("Stepping", "using " + payload.secretToLog(), step + 1, payload.steps(),
                        -1, -1, "/vault/" + payload.secretToLog(), 0, 0));
            } else {
                ctx.progress(Progress.of("Stepping", step + 1, payload.steps()));
            }
            ctx.pausePoint();
        }
    }
}
