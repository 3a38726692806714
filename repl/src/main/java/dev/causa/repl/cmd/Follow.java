package dev.causa.repl.cmd;

import dev.causa.engine.event.CausaEvent;
import dev.causa.repl.Session;
import dev.causa.repl.view.ProgressPrinter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** Waits for work to finish while showing the progress of the jobs it concerns. */
final class Follow {

    /** Thrown when the user interrupts a wait (Ctrl-C in the REPL): the jobs keep running. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("stopped following; the jobs keep running", null, false, false);
        }
    }

    private Follow() {
    }

    /**
     * @param show whether to print progress (off for --json, where stdout carries only JSON)
     */
    static <T> T await(Session session, Predicate<CausaEvent> follows, CompletableFuture<T> done, boolean show) {
        ProgressPrinter printer = new ProgressPrinter(show ? session.out() : session.err(), session.ansi(), follows);
        try (AutoCloseable live = session.following(follows);
             AutoCloseable subscription = show ? session.causa().events().subscribe(printer) : () -> { }) {
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
