package dev.causa.engine.event;

import dev.causa.engine.store.EventTransport;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish/subscribe over the store's {@link EventTransport}: events published here, and by other processes on a
 * shared store, reach this process's listeners in arrival order on one dispatcher thread, so a slow listener never
 * holds up a worker or the store writer; a listener that throws is logged and kept.
 */
public final class EventBus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private static final CausaEvent STOP = new CausaEvent("stop", null);

    private final CopyOnWriteArrayList<Consumer<CausaEvent>> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<CausaEvent> queue = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicLong barrierCount = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Map<CausaEvent, java.util.concurrent.CompletableFuture<Void>> barriers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread dispatcher;
    private final EventTransport transport;
    private final AutoCloseable subscription;
    private final boolean shared;

    /** A bus of this process alone. */
    public EventBus() {
        this(new dev.causa.engine.store.local.LocalEventTransport());
    }

    public EventBus(EventTransport transport) {
        this.transport = transport;
        this.shared = transport.shared();
        dispatcher = Thread.ofPlatform().name("causa-events").daemon(true).start(this::dispatch);
        subscription = transport.subscribe((name, json) -> {
            if (!listeners.isEmpty() && !Events.JOB_CONTROL.equals(name)) queue.add(new CausaEvent(name, json));
        });
    }

    /** Subscribes; the returned handle unsubscribes. */
    public AutoCloseable subscribe(Consumer<CausaEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Whether events are worth making: someone here listens, or the store is shared, where a listener may be on
     * another node ({@code job watch} there, an action waiting for its jobs, a pause waiting for a job to stop).
     */
    public boolean hasListeners() {
        return !listeners.isEmpty() || shared;
    }

    public void publish(CausaEvent event) {
        if (hasListeners()) transport.publish(event.name(), event.json());
    }

    /**
     * Completes once every event published before this call has been delivered: a command that waited for a job
     * uses it so that the job's last events are on screen before its summary.
     */
    public java.util.concurrent.CompletableFuture<Void> delivered() {
        CausaEvent marker = new CausaEvent("barrier:" + barrierCount.incrementAndGet(), null); // unique: records compare by value
        var reached = new java.util.concurrent.CompletableFuture<Void>();
        barriers.put(marker, reached);
        queue.add(marker);
        return reached;
    }

    private void dispatch() {
        try {
            while (true) {
                CausaEvent event = queue.take();
                if (event == STOP) return;
                var barrier = barriers.remove(event);
                if (barrier != null) {
                    barrier.complete(null);
                    continue;
                }
                for (Consumer<CausaEvent> listener : listeners) {
                    try {
                        listener.accept(event);
                    } catch (RuntimeException e) {
                        log.warn("event listener failed on {}", event.name(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("closing the event subscription", e);
        }
        queue.add(STOP);
        try {
            dispatcher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
