package dev.causa.engine.store;

import dev.causa.engine.job.JobState;
import java.time.Instant;

/** One entry of a job's append-only state history. */
public record StateChange(JobState state, Instant at, String reason) {
}
