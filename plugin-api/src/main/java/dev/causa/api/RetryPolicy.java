package dev.causa.api;

import java.time.Duration;

/**
 * How failed jobs of an action are retried: up to {@code maxAttempts} runs in all, waiting
 * {@code initialBackoff × multiplier^(attempt-1)}, capped at {@code maxBackoff}, before each new run.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** One run, no automatic retry (a user can still {@code job retry}). */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (multiplier < 1) throw new IllegalArgumentException("multiplier must be at least 1");
    }

    /** Exponential backoff doubling from {@code initialBackoff}, capped at five minutes. */
    public static RetryPolicy exponential(int maxAttempts, Duration initialBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, 2, Duration.ofMinutes(5));
    }

    /** Whether a job that has run {@code attemptsSoFar} times may run again. */
    public boolean allowsAnotherAttempt(int attemptsSoFar) {
        return attemptsSoFar < maxAttempts;
    }

    /** The wait before run number {@code nextAttempt} (2 for the first retry). */
    public Duration backoffBefore(int nextAttempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, nextAttempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
