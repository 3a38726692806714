package dev.causa.engine.testkit;

import dev.causa.api.Job;
import dev.causa.api.JobContext;
import java.util.concurrent.Semaphore;

/** A badly written job: it spins without ever reaching a pause point, deaf to interrupts, until released. */
public final class SpinJob implements Job<SpinJob.Payload> {

    public static final String TYPE = "spin";
    public static volatile boolean release;
    public static final Semaphore STARTED = new Semaphore(0);

    /** No input. */
    public record Payload(String note) {
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
    public void run(Payload payload, JobContext context) {
        STARTED.release();
        long spins = 0;
        while (!release) {
            spins++;
            Thread.interrupted(); // swallow interrupts, as careless code does
            Thread.onSpinWait();
        }
        if (spins < 0) throw new IllegalStateException("unreachable");
    }
}
