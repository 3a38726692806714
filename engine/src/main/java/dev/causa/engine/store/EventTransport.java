package dev.causa.engine.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Carries job and action events (the JSON of DESIGN §6) between every process on the store. In-process backends
 * deliver to their own subscribers only.
 */
public interface EventTransport extends AutoCloseable {

    /** Sends an event to the subscribers of every process on the store, this one included. */
    void publish(String name, ObjectNode json);

    /** Receives events published by any process; the handle unsubscribes. */
    AutoCloseable subscribe(Listener listener);

    /**
     * Whether other processes share this transport (a store several nodes open): then every event is worth sending,
     * since a listener may be elsewhere.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Receives only the events other processes published (never this process's own); in-process backends have none.
     * What the engine uses to hear of jobs that run, and requests made, on other nodes.
     */
    default AutoCloseable subscribeOthers(Listener listener) {
        return () -> { };
    }

    /** What a subscriber gets: the event's name and its JSON. */
    interface Listener extends java.util.function.BiConsumer<String, ObjectNode> {
    }

    @Override
    void close();
}
