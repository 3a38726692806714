package dev.causa.repl.cmd;

import dev.causa.engine.event.CausaEvent;
import dev.causa.repl.Session;
import dev.causa.repl.view.ProgressPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Waits for work to finish while showing the progress of the jobs it concerns. */
public final class Follow {

    /** Thrown when the user interrupts a wait (Ctrl-C in the REPL): the jobs keep running. */
    public static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("stopped following; the jobs keep running", null, false, false);
        }
    }

    private Follow() {
    }

    /**
     * Listens before the work starts, so that no event of a fast job is missed: events are kept until
     * {@link #await} attaches the printer, which then sees them first.
     */
    static final class Early implements Consumer<CausaEvent>, AutoCloseable {
        private static final int KEPT = 10_000;
        private final AutoCloseable subscription;
        private final List<CausaEvent> kept = new ArrayList<>();
        private Consumer<CausaEvent> target;

        Early(Session session) {
            subscription = session.causa().events().subscribe(this);
        }

        @Override
        public synchronized void accept(CausaEvent event) {
            if (target != null) target.accept(event);
            else if (kept.size() < KEPT) kept.add(event);
        }

        synchronized void attach(Consumer<CausaEvent> printer) {
            kept.forEach(printer);
            kept.clear();
            target = printer;
        }

        @Override
        public void close() {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Early listenEarly(Session session) {
        return new Early(session);
    }

    /**
     * @param show whether to print progress (off for --json, where stdout carries only JSON)
     */
    static <T> T await(Session session, Predicate<CausaEvent> follows, CompletableFuture<T> done, boolean show) {
        try (Early early = listenEarly(session)) {
            return await(session, follows, done, show, early);
        }
    }

    /** Waits, printing what {@code early} heard since before the work started and everything after. */
    static <T> T await(Session session, Predicate<CausaEvent> follows, CompletableFuture<T> done, boolean show,
                       Early early) {
        ProgressPrinter printer = new ProgressPrinter(show ? session.out() : session.err(), session.ansi(), follows);
        if (show) early.attach(printer);
        try (AutoCloseable live = session.following(follows)) {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            printer.endLine();
            throw new Interrupted();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            // the job's last events reach the printer before the summary is printed
            if (show && !Thread.currentThread().isInterrupted()) {
                try {
                    session.causa().events().delivered().get(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception late) {
                    // a slow listener: print the summary anyway
                }
            }
            printer.endLine();
        }
    }
}
