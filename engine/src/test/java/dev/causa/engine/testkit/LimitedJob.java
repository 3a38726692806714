package dev.causa.engine.testkit;

import dev.causa.api.Job;
import dev.causa.api.JobContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job type that allows two running at once; it counts how many run at the same moment, for tests of the limit.
 * With {@code hang} it runs until its process dies.
 */
public final class LimitedJob implements Job<LimitedJob.Payload> {

    public static final String TYPE = "test.limited";
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger MOST = new AtomicInteger();
    public static final AtomicInteger DONE = new AtomicInteger();
    /** Whether a job with {@code hang} hangs in this process (a child that is then killed); elsewhere it ends. */
    public static volatile boolean hangs;

    public record Payload(int millis, boolean hang) {
    }

    public static void reset() {
        RUNNING.set(0);
        MOST.set(0);
        DONE.set(0);
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
    public int maxConcurrency() {
        return 2;
    }

    @Override
    public void run(Payload payload, JobContext context) throws InterruptedException {
        int now = RUNNING.incrementAndGet();
        MOST.accumulateAndGet(now, Math::max);
        try {
            if (payload.hang() && hangs) Thread.sleep(Long.MAX_VALUE);
            Thread.sleep(payload.millis());
        } finally {
            RUNNING.decrementAndGet();
            DONE.incrementAndGet();
        }
    }
}
