package dev.causa.bench.workload;

import dev.causa.api.Job;
import dev.causa.api.JobContext;

/** A job that does nothing: what is measured is the engine's cost of carrying a job from dispatch to done. */
public final class NoOpJob implements Job<NoOpJob.Payload> {

    public static final String TYPE = "bench.noop";

    /** @param n the job's number within its batch, so payloads differ as real ones do */
    public record Payload(long n) {
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
    }
}
