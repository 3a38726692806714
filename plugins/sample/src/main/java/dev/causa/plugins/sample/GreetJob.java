package dev.causa.plugins.sample;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.pf4j.Extension;

/** Job type {@code sample_greeting}: appends one line per greeting, checkpointing after each. */
@Extension
public class GreetJob implements Job<GreetJob.Payload> {

    static final String TYPE = "sample_greeting";

    /** What the job writes and where. */
    public record Payload(String name, int count, String file) {
    }

    /** How many greetings are written. */
    public record Checkpoint(int done) {
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
        return "greetings for " + (action == null ? payload.name() : action.contextValue("greeting_for", payload.name()));
    }

    @Override
    public void run(Payload payload, JobContext ctx) throws Exception {
        int done = ctx.restore(Checkpoint.class).map(Checkpoint::done).orElse(0);
        Path file = Path.of(payload.file());
        Files.createDirectories(file.getParent());
        for (int i = done; i < payload.count(); i++) {
            Files.writeString(file, "hello " + payload.name() + " #" + (i + 1) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ctx.checkpoint(new Checkpoint(i + 1));
            ctx.progress(Progress.of("Writing", i + 1, payload.count()));
            ctx.pausePoint();
        }
    }
}
