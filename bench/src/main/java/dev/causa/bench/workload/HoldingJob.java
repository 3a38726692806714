package dev.causa.bench.workload;

import dev.causa.api.Job;
import dev.causa.api.JobContext;
import java.util.concurrent.CountDownLatch;

/**
 * A no-op job that, in a process started with {@code -Dbench.hold=true}, blocks forever instead: the crash phase of
 * the recovery benchmark uses it to have jobs marked running when the process is killed.
 */
public final class HoldingJob implements Job<NoOpJob.Payload> {

    public static final String TYPE = "bench.holding";
    /** Counts down once per job that started holding. */
    public static final CountDownLatch STARTED = new CountDownLatch(2);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<NoOpJob.Payload> payloadType() {
        return NoOpJob.Payload.class;
    }

    @Override
    public void run(NoOpJob.Payload payload, JobContext context) throws InterruptedException {
        if (!Boolean.getBoolean("bench.hold")) return;
        STARTED.countDown();
        new CountDownLatch(1).await();
    }
}
