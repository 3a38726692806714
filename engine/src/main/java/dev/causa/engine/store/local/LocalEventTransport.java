package dev.causa.engine.store.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.store.EventTransport;
import java.util.concurrent.CopyOnWriteArrayList;

/** Events within one process: a publish reaches this process's subscribers, synchronously. */
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
