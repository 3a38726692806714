package dev.causa.engine.testkit;

import dev.causa.api.Job;
import dev.causa.api.JobContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Notes the order jobs start in; a job with {@code gate} waits for {@link #GATE} before it ends. */
public final class OrderJob implements Job<OrderJob.Payload> {

    public static final String TYPE = "test.order";
    public static final List<String> STARTED = new CopyOnWriteArrayList<>();
    public static volatile CountDownLatch GATE = new CountDownLatch(0);

    public record Payload(String label, boolean gate) {
    }

    public static void reset() {
        STARTED.clear();
        GATE = new CountDownLatch(1);
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
    public void run(Payload payload, JobContext context) throws InterruptedException {
        STARTED.add(payload.label());
        if (payload.gate() && !GATE.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
    }
}
