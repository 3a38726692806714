package dev.causa.bench.workload;

import dev.causa.engine.Causa;
import java.nio.file.Path;
import java.util.List;

/** The benchmark's actions, context providers and jobs, handed to the engine directly (no plugin jar). */
public final class Workload {

    /** One job per action run. */
    public static final String SINGLE = "bench.single";
    /** N jobs per action run. */
    public static final String BATCH = "bench.batch";
    /** N holding jobs per action run (recovery). */
    public static final String HOLD = "bench.hold";

    private Workload() {
    }

    public static List<Object> extensions() {
        return List.of(
                new DispatchAction(SINGLE, NoOpJob.TYPE), new BatchContext(SINGLE),
                new DispatchAction(BATCH, NoOpJob.TYPE), new BatchContext(BATCH),
                new DispatchAction(HOLD, HoldingJob.TYPE), new BatchContext(HOLD),
                new NoOpJob(), new HoldingJob(), new CountingJob());
    }

    /** Opens the engine on {@code home} with the benchmark workload; workers are not started. */
    public static Causa open(Path home, int workers) {
        return Causa.open(new Causa.Options(home, List.of(), workers, extensions()));
    }
}
