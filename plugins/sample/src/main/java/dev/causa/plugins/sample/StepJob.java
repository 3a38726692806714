package dev.causa.plugins.sample;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.pf4j.Extension;

/**
 * Job type {@code sample_step}: numbered steps, each checkpointed, with a pause point after each. With a ledger folder
 * it appends {@code run <from>}, {@code step <i>} and {@code done} to {@code <job id>.ledger}.
 */
@Extension
public class StepJob implements Job<StepJob.Payload> {

    static final String TYPE = "sample_step";

    /** Which batch and job, how many steps, how long each takes, and the ledger folder (or null). */
    public record Payload(String batch, int index, int steps, int stepMillis, String ledgers) {
    }

    /** The next step. */
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
        return "batch " + payload.batch() + " #" + payload.index();
    }

    @Override
    public void run(Payload payload, JobContext ctx) throws Exception {
        int next = ctx.restore(Checkpoint.class).map(Checkpoint::next).orElse(0);
        Path ledger = payload.ledgers() == null ? null : Path.of(payload.ledgers()).resolve(ctx.jobId() + ".ledger");
        append(ledger, "run " + next);
        for (int step = next; step < payload.steps(); step++) {
            if (payload.stepMillis() > 0) Thread.sleep(payload.stepMillis());
            append(ledger, "step " + step);
            ctx.checkpoint(new Checkpoint(step + 1));
            ctx.progress(Progress.of("Stepping", step + 1, payload.steps()));
            ctx.pausePoint();
        }
        append(ledger, "done");
    }

    private static void append(Path ledger, String line) throws java.io.IOException {
        if (ledger == null) return;
        Files.writeString(ledger, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
