package dev.causa.repl.torture;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The torture workload's own job: numbered steps, each checkpointed, one of which may spawn a child job, and a
 * planned failure half way through its first attempt. Outside the store it keeps a ledger file of what it did,
 * so the harness can tell afterwards whether a step ran again although its checkpoint had been committed.
 *
 * <p>Ledger lines: {@code run <attempt> <from>}, {@code spawn <step> <child-id>}, {@code step <i>},
 * {@code durable <next>} (the checkpoint naming {@code next} is committed), {@code fail <attempt>}, {@code done}.
 */
public final class LedgerJob implements Job<LedgerJob.Payload> {

    public static final String TYPE = "torture_ledger";

    /**
     * @param spawnAt   the step that spawns a child ledger job, or -1
     * @param failFirst whether the first attempt fails when it reaches the middle step
     */
    public record Payload(String name, int steps, int spawnAt, int childSteps, boolean failFirst, String ledgers) {
    }

    /** Where the job stands: the next step, and the children spawned so far. */
    public record Checkpoint(int next, List<String> children) {
    }

    /** Waits until every change of the job handed to the store is committed; set by the process that runs workers. */
    public static volatile java.util.function.Consumer<String> commit = id -> { };

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
        return payload.name() + " ledger";
    }

    @Override
    public void run(Payload payload, JobContext ctx) throws Exception {
        Path ledger = ledger(Path.of(payload.ledgers()), ctx.jobId());
        Checkpoint at = ctx.restore(Checkpoint.class).orElse(new Checkpoint(0, List.of()));
        append(ledger, "run " + ctx.attempt() + " " + at.next());
        List<String> children = new ArrayList<>(at.children());
        for (int step = at.next(); step < payload.steps(); step++) {
            if (payload.failFirst() && ctx.attempt() == 1 && step == payload.steps() / 2) {
                append(ledger, "fail " + ctx.attempt());
                throw new IllegalStateException("planned failure of the first attempt at step " + step);
            }
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(10, 60));
            if (step == payload.spawnAt()) {
                String child = ctx.spawnChild(TYPE, new Payload(payload.name() + "/child", payload.childSteps(), -1,
                        0, false, payload.ledgers()));
                children.add(child);
                append(ledger, "spawn " + step + " " + child);
            }
            append(ledger, "step " + step);
            ctx.checkpoint(new Checkpoint(step + 1, List.copyOf(children)));
            commit.accept(ctx.jobId());
            append(ledger, "durable " + (step + 1));
            ctx.progress(Progress.of("Stepping", step + 1, payload.steps()));
            ctx.pausePoint();
        }
        append(ledger, "done");
    }

    static Path ledger(Path folder, String jobId) {
        return folder.resolve(jobId + ".ledger");
    }

    private static void append(Path ledger, String line) throws IOException {
        // A kill -9 keeps what the page cache holds, so no fsync is needed for a process crash.
        Files.writeString(ledger, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
