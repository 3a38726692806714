package dev.causa.engine.store;

import java.time.Instant;
import java.util.List;

/**
 * The processes (nodes) on a store several may open (DESIGN §11), an optional capability of a {@link Store}: each
 * registers when it opens the store, heart-beats with what it offers, and leaves when it closes. A node killed
 * without closing stays listed with an old heartbeat until it is pruned.
 */
public interface NodeRegistry {

    /** One process on the store. */
    record NodeInfo(String id, String host, long pid, String version, List<String> plugins, List<String> jobTypes,
                    Instant startedAt, Instant heartbeatAt, List<String> running) {
    }

    /** This process's name among the nodes. */
    String node();

    /**
     * Tells the other nodes this one is alive, with the plugins it runs and the job types its workers can claim
     * (empty while it runs no workers); also forgets nodes silent for much longer than any lease.
     */
    void heartbeat(List<String> plugins, List<String> jobTypes);

    /** Every registered node, oldest first, with the jobs each holds a live lease on. */
    List<NodeInfo> nodes();
}
