package com.example.hello;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import org.pf4j.Extension;

/**
 * The job type {@code hello_count}: counts to {@code count}, one step at a time. After each step it checkpoints
 * where it is, reports progress and offers a pause point, so a pause, an exit or a crash continues with the
 * next step instead of starting over.
 */
@Extension
public class CountJob implements Job<CountJob.Payload> {

    static final String TYPE = "hello_count";

    /** What the action hands the job; stored as JSON with the job. */
    public record Payload(String to, int count) {
    }

    /** Where the job is; stored as JSON at every checkpoint. */
    public record Checkpoint(int counted) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    /** The engine frames this: "Counting hello to world (3/5)". */
    @Override
    public String title(Payload payload, ActionContext action) {
        return action == null ? "hello to " + payload.to() : action.contextValue("greeting", "hello").replace(", ", " to ");
    }

    @Override
    public void run(Payload payload, JobContext ctx) throws Exception {
        int counted = ctx.restore(Checkpoint.class).map(Checkpoint::counted).orElse(0);
        if (counted > 0) ctx.log("continuing after " + counted);
        for (int i = counted + 1; i <= payload.count(); i++) {
            Thread.sleep(200); // the "work"
            ctx.checkpoint(new Checkpoint(i));
            ctx.progress(Progress.of("Counting", i, payload.count()));
            ctx.pausePoint(); // throws if the user paused or cancelled: let it propagate
        }
        ctx.log("said hello to " + payload.to() + " " + payload.count() + " times");
    }
}
