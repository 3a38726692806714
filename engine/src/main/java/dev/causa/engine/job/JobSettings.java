package dev.causa.engine.job;

import java.time.Duration;
import java.util.Map;

/**
 * How this process runs jobs.
 *
 * @param node    this process's name on the store, unique among the processes using it
 * @param workers how many jobs it runs at once
 * @param lease   how long a claim lasts without a heartbeat: a node silent for longer is taken to be lost
 * @param limits  the most jobs of a type running at once, set by the user ({@code limit.<type> = N} in
 *                {@code causa.conf}); they override what job types declare
 */
public record JobSettings(String node, int workers, Duration lease, Map<String, Integer> limits) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    public JobSettings {
        workers = Math.max(1, workers);
        limits = Map.copyOf(limits);
    }
}
