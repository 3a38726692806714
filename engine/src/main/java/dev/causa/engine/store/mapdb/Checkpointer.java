package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what the {@link GroupCommitWriter} journaled into MapDB, on its own thread: the writer freezes its overlay
 * every couple of seconds ({@link #freeze}) and goes on with a fresh one and the next journal; the checkpointer
 * applies the frozen one to MapDB, commits it with the epoch of the next journal, then deletes the journal behind
 * it. A crash at any point is safe: a journal is deleted only after the commit that holds it, and opening the store
 * replays the journals from the last committed epoch on ({@link #recover}).
 */
final class Checkpointer {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /**
     * While a checkpoint is still applying, the writer goes on journaling into a new overlay; past this size it
     * waits for the checkpoint, so that memory stays bounded when MapDB falls behind.
     */
    private static final long MAX_OVERLAY_BYTES = 512L << 20;

    private final MapDbFile file;
    /** Stops the writer: a checkpoint failed half-way, and MapDB is not to be touched again. */
    private final Consumer<Throwable> onFailure;
    private final Runnable wakeWriter;
    /** What is journaled but not yet in MapDB; swapped as a whole under {@code layersLock}. */
    private volatile Overlay.Layers layers = new Overlay.Layers(new Overlay(), null);
    private final Object layersLock = new Object();
    /** The journal a frozen overlay was written to: deleted once the checkpoint holding it has committed. */
    private Journal frozenJournal;
    /** Callers of {@link #checkpointNow} waiting for the next checkpoint to begin, then for the frozen one's. */
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> asked = new ConcurrentLinkedQueue<>();
    private List<CompletableFuture<Void>> frozenWaiters = List.of();
    /** A checkpoint failed half-way: MapDB is not to be touched again (the writer's failure says why). */
    private volatile boolean failed;
    /** The last checkpoint found too little disk space and waits for some. */
    private volatile boolean postponed;
    private volatile boolean stopping;
    /**
     * Held (write) while a checkpoint applies a frozen layer to MapDB until that layer is dropped: readers that must
     * not see MapDB half-way (counting by state) hold it to read.
     */
    final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();
    /** A test hook: run before applying a frozen overlay (tests hold a checkpoint open). */
    volatile Runnable beforeCheckpoint = () -> { };
    /** A test hook: run with a checkpoint applied to MapDB but not committed (tests crash the process there). */
    volatile Runnable beforeCommit = () -> { };
    private Thread thread;

    Checkpointer(MapDbFile file, Consumer<Throwable> onFailure, Runnable wakeWriter) {
        this.file = file;
        this.onFailure = onFailure;
        this.wakeWriter = wakeWriter;
    }

    Overlay.Layers layers() {
        return layers;
    }

    /**
     * Applies the journals written since the last checkpoint (what was acknowledged but not yet in a MapDB
     * commit), commits, and opens a fresh journal for the writer.
     */
    Journal recover() throws IOException {
        long checkpointed = file.journalEpoch();
        long latest = checkpointed;
        JournalEntries.Target target = new JournalEntries.Target() {
            @Override
            public void job(PendingJobWrite write) {
                apply(write);
            }

            @Override
            public void action(PendingAction action) {
                apply(action);
            }
        };
        List<Long> unapplied = Journal.epochs(file.path).stream().filter(e -> e >= checkpointed).toList();
        long replaying = 0;
        for (long epoch : unapplied) replaying += Files.size(Journal.pathFor(file.path, epoch));
        if (replaying > 0) file.ensureRoom(replaying); // replaying is a MapDB commit like a checkpoint's
        for (long epoch : unapplied) {
            Journal.replay(Journal.pathFor(file.path, epoch), entry -> JournalEntries.replay(entry, target));
            latest = Math.max(latest, epoch);
        }
        file.indexes.writeBlocks();
        long fresh = latest + 1;
        Journal journal = Journal.open(file.path, fresh);
        file.commit(fresh);
        Journal.deleteBefore(file.path, fresh);
        return journal;
    }

    void start() {
        thread = Thread.ofPlatform().name("causa-store-checkpoint").daemon(true).start(this::loop);
    }

    // ---- the writer's side ----------------------------------------------------------------------------------------

    /** Asks for a checkpoint of everything handed over so far; {@code done} completes once it has committed. */
    void ask(CompletableFuture<Void> done) {
        asked.add(done);
    }

    boolean asked() {
        return !asked.isEmpty();
    }

    /** For the writer with nothing to freeze: completes the waiters, unless a checkpoint still runs. */
    void answerIfIdle() {
        if (layers.frozen() == null) drain(asked).forEach(f -> f.complete(null));
    }

    boolean running() {
        return layers.frozen() != null;
    }

    /**
     * Freezes {@code current} (written to {@code journal}) for the checkpointer and returns the next journal for the
     * writer, with a fresh overlay in place; null if a checkpoint still runs (past {@link #MAX_OVERLAY_BYTES} this
     * waits for it first, unless checkpoints fail or wait for disk space).
     */
    Journal freeze(Overlay current, Journal journal) throws IOException {
        synchronized (layersLock) {
            while (layers.frozen() != null) {
                if (current.bytes() < MAX_OVERLAY_BYTES || failed || postponed) return null; // next round
                try {
                    layersLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            Journal next = Journal.open(file.path, journal.epoch() + 1);
            frozenJournal = journal;
            frozenWaiters = drain(asked);
            layers = new Overlay.Layers(new Overlay(), current);
            layersLock.notifyAll();
            return next;
        }
    }

    // ---- the checkpointer's thread --------------------------------------------------------------------------------

    private void loop() {
        while (true) {
            Overlay frozen;
            Journal behind; // the journal the frozen layer was written to; the writer may freeze the next one meanwhile
            synchronized (layersLock) {
                while ((frozen = layers.frozen()) == null && !stopping) {
                    try {
                        layersLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (frozen == null) return;
                behind = frozenJournal;
            }
            try {
                file.ensureRoom(frozen.bytes());
            } catch (IOException full) {
                // nothing applied: the frozen overlay stays readable and journaled; try again in a while
                if (!postponed) log.warn("checkpoint postponed: {}", full.getMessage());
                postponed = true;
                synchronized (layersLock) {
                    layersLock.notifyAll();
                    if (!stopping) {
                        try {
                            layersLock.wait(1_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (stopping) return;
                }
                continue;
            }
            postponed = false;
            List<CompletableFuture<Void>> waiting;
            beforeCheckpoint.run();
            applying.writeLock().lock();
            try {
                applyAndCommit(frozen, behind.epoch() + 1);
                // the frozen layer goes before anyone may count again: MapDB holds it now
                synchronized (layersLock) {
                    layers = new Overlay.Layers(layers.current(), null);
                    waiting = frozenWaiters;
                    frozenWaiters = List.of();
                    layersLock.notifyAll();
                }
            } catch (Throwable t) {
                // MapDB may hold half of this checkpoint: stop writing; the journals still have everything, and
                // opening the store again replays them
                log.error("store checkpoint failed", t);
                failed = true;
                onFailure.accept(MapDbFile.diskFull(t) ? new StoreException(MapDbFile.cannotWrite(file.path), t) : t);
                synchronized (layersLock) {
                    layersLock.notifyAll();
                }
                return;
            } finally {
                applying.writeLock().unlock();
            }
            try {
                behind.delete(); // MapDB has it all: a failure to delete only leaves a file the next open removes
            } catch (IOException e) {
                log.warn("cannot delete the journal {} after its checkpoint: {}", behind.epoch(), e.toString());
            }
            waiting.forEach(f -> f.complete(null));
            if (!asked.isEmpty()) wakeWriter.run(); // asked for while this one ran: the writer freezes the next
        }
    }

    /**
     * Applies an overlay to MapDB and commits it together with the epoch of the first journal it does not cover.
     * The order makes a crash at any point safe: a journal is deleted only after the commit that holds it.
     */
    private void applyAndCommit(Overlay overlay, long nextEpoch) {
        overlay.actions.values().forEach(this::apply);
        overlay.jobs.values().forEach(this::apply);
        file.indexes.writeBlocks();
        beforeCommit.run();
        file.commit(nextEpoch);
    }

    private void apply(PendingAction action) {
        file.actions.put(dev.causa.engine.model.Ids.parse(action.id()), action.bytes());
        file.indexes.add(action);
    }

    private void apply(PendingJobWrite write) {
        file.jobs.put(write.key, write.bytes);
        file.indexes.add(write);
    }

    // ---- closing --------------------------------------------------------------------------------------------------

    /**
     * On close, once the writer has stopped (so no checkpoint starts any more): waits until the running one is done,
     * then stops the thread. False if it failed or waits for disk space: then the journals stay, and the next open
     * replays them.
     */
    boolean stop() {
        boolean settled;
        synchronized (layersLock) {
            while (layers.frozen() != null && !failed && !postponed) {
                try {
                    layersLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            settled = layers.frozen() == null && !failed;
            stopping = true;
            layersLock.notifyAll();
        }
        try {
            if (thread != null) thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return settled;
    }

    /** The last checkpoint, on close: the writer's overlay into MapDB, and its journal is not needed any more. */
    void finalCheckpoint(Journal journal) throws IOException {
        Overlay current = layers.current();
        file.ensureRoom(current.bytes());
        applyAndCommit(current, journal.epoch() + 1);
        journal.delete();
        drain(asked).forEach(f -> f.complete(null));
    }

    /** After close: the journal of a checkpoint that did not finish, and whoever still waits for a checkpoint. */
    void abandon() {
        GroupCommitWriter.closeQuietly(frozenJournal);
        StoreException closed = new StoreException("the store closed before the checkpoint");
        drain(asked).forEach(f -> f.completeExceptionally(closed));
    }

    /** Fails everyone who waits for a checkpoint: the writer stopped. */
    void failWaiters(StoreException failure) {
        asked.forEach(f -> f.completeExceptionally(failure));
        frozenWaiters.forEach(f -> f.completeExceptionally(failure));
    }

    static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
        List<T> out = new ArrayList<>();
        T item;
        while ((item = queue.poll()) != null) out.add(item);
        return out;
    }
}
