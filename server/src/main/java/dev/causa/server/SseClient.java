package dev.causa.server;

import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events waiting for one SSE client, between the event bus (which {@link #offer}s, never blocking) and the
 * client's own writer thread (which {@link #take}s and blocks on the socket as long as it likes).
 *
 * <p>Bounded: a job has at most one progress event waiting, the latest (a newer one replaces it in place), so a slow
 * client skips intermediate progress but never stale-orders it. When {@link #capacity} events wait, further
 * progress and state events are dropped (the count is reported to the client); a final event (completed, failed,
 * cancelled) is never dropped, and a client that lets {@code 2 × capacity} of them pile up is cut off: it can
 * reconnect and read the state from the API.
 */
final class SseClient {

    /** One waiting event; a progress slot is updated in place. */
    private static final class Slot {
        CausaEvent event;

        Slot(CausaEvent event) {
            this.event = event;
        }
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Slot> waiting = new ArrayDeque<>();
    private final Map<String, Slot> progressSlots = new HashMap<>();
    private long dropped;
    private boolean closed;

    SseClient(int capacity) {
        this.capacity = capacity;
    }

    /** Called on the event bus's thread: takes a lock held only for queue operations, never for I/O. */
    void offer(CausaEvent event) {
        lock.lock();
        try {
            if (closed) return;
            boolean progress = event.name().equals(Events.JOB_PROGRESS);
            String jobId = event.jobId();
            if (progress && jobId != null) {
                Slot slot = progressSlots.get(jobId);
                if (slot != null) {
                    slot.event = event; // the latest replaces the one not yet sent
                    dropped++;
                    return;
                }
            }
            if (waiting.size() >= capacity && !event.isFinal()) {
                dropped++;
                return;
            }
            if (waiting.size() >= 2 * capacity) {
                closed = true; // too slow even for final events: cut off
                ready.signalAll();
                return;
            }
            Slot slot = new Slot(event);
            waiting.add(slot);
            if (progress && jobId != null) progressSlots.put(jobId, slot);
            else if (jobId != null) progressSlots.remove(jobId); // a later progress must come after this event
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What the writer gets: the next event, or null after {@code timeoutMillis} (time for a heartbeat). */
    record Next(CausaEvent event, long droppedBefore, boolean closed) {
    }

    Next take(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (waiting.isEmpty() && !closed && nanos > 0) nanos = ready.awaitNanos(nanos);
            if (closed) return new Next(null, dropped, true);
            Slot slot = waiting.poll();
            if (slot == null) return new Next(null, 0, false);
            String jobId = slot.event.jobId();
            if (jobId != null && progressSlots.get(jobId) == slot) progressSlots.remove(jobId);
            long d = dropped;
            dropped = 0;
            return new Next(slot.event, d, false);
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
