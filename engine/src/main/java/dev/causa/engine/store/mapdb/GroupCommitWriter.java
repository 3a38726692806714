package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement path, on its own thread: appends everything handed over since its last round to the journal
 * with one fsync (group commit: a job saved several times in between is written once), completes the callers'
 * futures, and adds the records to the current {@link Overlay}, which readers consult before MapDB. Between rounds
 * it hands the overlay to the {@link Checkpointer} every couple of seconds (or 64 MiB of journal, or after a quiet
 * moment).
 */
final class GroupCommitWriter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** MapDB is committed (and the journal started afresh) about this often, or when the overlay grows large. */
    private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long CHECKPOINT_BYTES = 64L << 20;
    private static final int MAX_GROUP = 50_000;

    private final MapDbFile file;
    private final Checkpointer checkpointer;
    private final IndexedStates states;
    private final ConcurrentHashMap<String, PendingJobWrite> pendingJobs = new ConcurrentHashMap<>();
    /**
     * The ids of pending jobs in the order they were first saved. A group takes jobs in this order, so a job saved
     * after another (a parent's checkpoint after its new child) is never committed without it; iterating the map
     * itself is only weakly consistent and could take the later one alone.
     */
    private final ConcurrentLinkedQueue<String> pendingOrder = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PendingAction> pendingActions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushWaiters = new ConcurrentLinkedQueue<>();
    private final Object signal = new Object();
    private volatile boolean closing;
    private volatile Throwable failure;
    private Journal journal;
    private long lastCheckpointNanos = System.nanoTime();
    private Thread thread;

    GroupCommitWriter(MapDbFile file, Checkpointer checkpointer, IndexedStates states) {
        this.file = file;
        this.checkpointer = checkpointer;
        this.states = states;
    }

    void start(Journal first) {
        this.journal = first;
        thread = Thread.ofPlatform().name("causa-store-writer").daemon(true).start(this::loop);
    }

    // ---- callers ----------------------------------------------------------------------------------------------------

    /**
     * Hands over a job write. Merged under the job's monitor (the caller holds it): a worker and the progress timer
     * save the same job, and a write that reached the queue before an older one would put the older bytes last and
     * leave the state index behind (found by bench/torture: a running job indexed as queued was never recovered).
     */
    void submit(PendingJobWrite write) {
        pendingJobs.compute(write.id, (id, older) -> {
            if (older != null) return older.then(write);
            pendingOrder.add(id);
            return write;
        });
        wake();
    }

    /** Hands over an action record with the jobs it dispatched: one entry, journaled and applied in one round. */
    void submit(PendingAction action) {
        pendingActions.add(action);
        wake();
    }

    /** Completes when everything handed over so far is durable. */
    CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        flushWaiters.add(done);
        wake();
        return done;
    }

    /** Asks for a checkpoint now rather than at the next scheduled one. For tests and maintenance. */
    CompletableFuture<Void> checkpointNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ensureWritable();
        checkpointer.ask(done);
        wake();
        return done;
    }

    void ensureWritable() {
        if (failure != null) throw new StoreException("the store stopped committing: " + failure, failure);
        if (closing) throw new StoreException("the store is closed");
    }

    /** Stops the writer after a failure elsewhere (a checkpoint): callers then fail. */
    void fail(Throwable why) {
        failure = why;
        wake();
    }

    Throwable failure() {
        return failure;
    }

    Journal journal() {
        return journal;
    }

    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private boolean idle() {
        return pendingJobs.isEmpty() && pendingActions.isEmpty() && flushWaiters.isEmpty()
                && (!checkpointer.asked() || checkpointer.running()); // asked for: once the running one is done
    }

    // ---- the writer's thread ----------------------------------------------------------------------------------------

    private void loop() {
        while (true) {
            boolean timedOut = false;
            synchronized (signal) {
                while (idle() && !closing && failure == null && !timedOut) {
                    try {
                        // woken by the next save; after a quiet while, what is journaled goes to MapDB too
                        signal.wait(TimeUnit.NANOSECONDS.toMillis(CHECKPOINT_NANOS));
                        timedOut = idle();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (failure != null) {
                failAllPending(failure);
                return;
            }
            if (idle() && closing) return;
            List<CompletableFuture<Void>> done = new ArrayList<>();
            try {
                if (!timedOut) commitRound(done);
                done.forEach(f -> f.complete(null));
                maybeFreeze(timedOut);
            } catch (Throwable t) {
                Throwable why = MapDbFile.diskFull(t) ? new StoreException(MapDbFile.cannotWrite(file.path), t) : t;
                failure = why;
                log.error("store commit failed", t);
                done.forEach(f -> f.completeExceptionally(new StoreException("commit failed: " + why.getMessage(), t)));
                failAllPending(why);
                return;
            }
        }
    }

    /**
     * One group commit: everything handed over since the last one is appended to the journal with one fsync,
     * then added to the current overlay; MapDB gets it at the next checkpoint.
     */
    private void commitRound(List<CompletableFuture<Void>> done) throws IOException {
        List<PendingAction> actionsNow = Checkpointer.drain(pendingActions);
        List<PendingJobWrite> jobsNow = new ArrayList<>();
        String id;
        // bounded, so that a steady stream of saves cannot keep one group open for ever
        while (jobsNow.size() < MAX_GROUP && (id = pendingOrder.poll()) != null) {
            PendingJobWrite write = pendingJobs.remove(id);
            if (write != null) jobsNow.add(write);
        }
        List<CompletableFuture<Void>> flushesNow = Checkpointer.drain(flushWaiters);

        List<byte[]> entries = new ArrayList<>(actionsNow.size() + jobsNow.size());
        long bytes = 0;
        for (PendingAction a : actionsNow) {
            entries.add(JournalEntries.action(a));
            for (PendingJobWrite w : a.jobs()) entries.add(JournalEntries.job(w));
        }
        for (PendingJobWrite w : jobsNow) entries.add(JournalEntries.job(w));
        for (byte[] e : entries) bytes += e.length;
        try {
            // room for this group and for the checkpoint still owed to MapDB: while a checkpoint waits for space,
            // new writes are refused too, so the overlay (memory) and the journal stop growing
            Overlay owed = checkpointer.layers().frozen();
            file.ensureRoom(bytes + (owed == null ? 0 : owed.bytes()));
            journal.append(entries);
        } catch (IOException notWritten) {
            // nothing of this round reached the journal or the maps: its callers fail, the store goes on
            refuse(actionsNow, jobsNow, flushesNow, notWritten);
            return;
        }
        // durable now: readers find it in the overlay until a checkpoint has put it into MapDB
        Overlay current = checkpointer.layers().current();
        for (PendingAction a : actionsNow) {
            current.add(a);
            done.add(a.waiter());
        }
        for (PendingJobWrite w : jobsNow) {
            current.add(w);
            done.addAll(w.waiters);
        }
        done.addAll(flushesNow);
    }

    /**
     * Between rounds: freezes the current overlay for the checkpointer and starts the next journal, if a checkpoint
     * is due and none is under way.
     */
    private void maybeFreeze(boolean idle) throws IOException {
        Overlay current = checkpointer.layers().current();
        boolean asked = checkpointer.asked();
        if (current.isEmpty()) {
            if (asked) checkpointer.answerIfIdle();
            return;
        }
        boolean due = System.nanoTime() - lastCheckpointNanos > CHECKPOINT_NANOS || journal.size() > CHECKPOINT_BYTES
                || idle || asked;
        if (!due) return;
        Journal next = checkpointer.freeze(current, journal);
        if (next == null) return;
        journal = next;
        lastCheckpointNanos = System.nanoTime();
    }

    /** Fails one round's callers without touching the DB, which stays usable. */
    private void refuse(List<PendingAction> actionsNow, List<PendingJobWrite> jobsNow,
                        List<CompletableFuture<Void>> flushesNow, IOException why) {
        StoreException refused = new StoreException("commit failed: " + why.getMessage(), why);
        log.warn("commit refused: {}", why.getMessage());
        // the index still holds the state before these writes: let the next write of each job ask it
        actionsNow.forEach(a -> a.jobs().forEach(w -> states.forget(w.key)));
        jobsNow.forEach(w -> states.forget(w.key));
        actionsNow.forEach(a -> a.waiter().completeExceptionally(refused)); // its bundled jobs share the waiter
        jobsNow.forEach(w -> w.waiters.forEach(f -> f.completeExceptionally(refused)));
        flushesNow.forEach(f -> f.completeExceptionally(refused));
    }

    private void failAllPending(Throwable cause) {
        StoreException failed = new StoreException("commit failed: " + cause.getMessage(), cause);
        checkpointer.failWaiters(failed);
        pendingJobs.values().forEach(w -> w.waiters.forEach(f -> f.completeExceptionally(failed)));
        pendingActions.forEach(a -> a.waiter().completeExceptionally(failed));
        flushWaiters.forEach(f -> f.completeExceptionally(failed));
    }

    /** Stops taking writes and waits until everything handed over is journaled. */
    void close() {
        closing = true;
        wake();
        try {
            if (thread != null) thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean closing() {
        return closing;
    }

    static void closeQuietly(Journal j) {
        if (j == null) return;
        try {
            j.close();
        } catch (IOException e) {
            log.debug("closing journal {}: {}", j.epoch(), e.toString());
        }
    }
}
