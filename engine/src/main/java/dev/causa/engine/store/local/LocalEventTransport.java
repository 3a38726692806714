package dev.causa.engine.store.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.store.EventTransport;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Events of a backend only one process opens: delivered to this process's subscribers, on the publisher's thread
 * (the engine's event bus hands them to its own dispatcher thread at once).
 */
public final class LocalEventTransport implements EventTransport {

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String name, ObjectNode json) {
        for (Listener listener : listeners) listener.accept(name, json);
    }

    @Override
    public AutoCloseable subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
