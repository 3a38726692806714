package dev.causa.engine.script;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * The script's event loop. A GraalJS context must only ever be entered from one thread, but engine events and
 * completions arrive on the event dispatcher, the store writer and workers: they {@link #post} tasks here, and
 * the script's own thread runs them in order in {@link #run}.
 *
 * <p>The loop runs until the script's main work has settled and nothing it waits for is pending. Pending work is
 * counted by {@link #hold()} and {@link #release()} (an engine call in flight, a {@code done} being awaited), as in
 * Node.js, where a pending operation rather than a pending promise keeps the process alive. Listeners that may
 * settle the main work (event subscriptions) keep the loop alive only while the main work is unsettled.
 */
public final class EventLoop {

    /** Thrown out of {@link #run} when the main work can never settle: nothing is pending that could settle it. */
    public static final class Stalled extends RuntimeException {
        Stalled() {
            super("the script waits for something that can never happen (a promise that nothing will settle)");
        }
    }

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private volatile Thread owner;
    private int holds;
    private int listeners;

    /** Queues a task for the script thread; callable from any thread. */
    public void post(Runnable task) {
        queue.add(task);
    }

    /** Marks one more piece of pending work; on the script thread. */
    public void hold() {
        checkThread();
        holds++;
    }

    /** Marks pending work as finished; on the script thread. */
    public void release() {
        checkThread();
        if (holds == 0) throw new IllegalStateException("release without hold");
        holds--;
    }

    /** Counts event listeners, which may settle the main work while it is unsettled. */
    public void listenersChanged(int delta) {
        checkThread();
        listeners += delta;
    }

    public int pending() {
        return holds;
    }

    /**
     * Runs queued tasks on the calling thread until {@code settled} is true and no work is pending. A task that
     * throws ends the loop with its exception.
     *
     * @throws Stalled              when the main work is unsettled and nothing could ever settle it
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public void run(BooleanSupplier settled) throws InterruptedException {
        owner = Thread.currentThread();
        while (true) {
            // checked before every task: on a busy engine, events may never stop arriving
            boolean done = settled.getAsBoolean();
            if (done && holds == 0) return;
            Runnable task = queue.poll();
            if (task == null) {
                if (!done && holds == 0 && listeners == 0) throw new Stalled();
                task = queue.take();
            }
            task.run();
        }
    }

    private void checkThread() {
        Thread o = owner;
        if (o != null && o != Thread.currentThread()) {
            throw new IllegalStateException("event loop used from " + Thread.currentThread().getName());
        }
    }

    /** Binds the loop to the calling thread before {@link #run} is entered (the script's first code runs first). */
    public void bindToCurrentThread() {
        owner = Thread.currentThread();
    }
}
