package dev.causa.engine.model;

import dev.causa.engine.model.JobState;
import java.time.Instant;

/** One entry of a job's append-only state history. */
public record StateChange(JobState state, Instant at, String reason) {
}
