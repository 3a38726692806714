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

    /** What a subscriber gets: the event's name and its JSON. */
    interface Listener extends java.util.function.BiConsumer<String, ObjectNode> {
    }

    @Override
    void close();
}
