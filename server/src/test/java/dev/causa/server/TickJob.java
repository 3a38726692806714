package dev.causa.server;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;

/** Job {@code tick}: {@code steps} steps of {@code stepMillis} each, checkpointing and pausable after each. */
public final class TickJob implements Job<TickJob.Payload> {

    public static final String TYPE = "tick";

    public record Payload(int steps, int stepMillis) {
    }

    public record Checkpoint(int next) {
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
        return action == null ? "ticks" : action.contextValue("name", "unnamed") + " ticks";
    }

    @Override
    public void run(Payload payload, JobContext ctx) throws Exception {
        int next = ctx.restore(Checkpoint.class).map(Checkpoint::next).orElse(0);
        for (int step = next; step < payload.steps(); step++) {
            if (payload.stepMillis() > 0) Thread.sleep(payload.stepMillis());
            ctx.checkpoint(new Checkpoint(step + 1));
            ctx.progress(Progress.of("Ticking", step + 1, payload.steps()));
            ctx.pausePoint();
        }
    }
}
