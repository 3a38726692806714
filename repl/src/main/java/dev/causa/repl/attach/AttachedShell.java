package dev.causa.repl.attach;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Commands of a shell started on a home another process holds: each line runs there, over a connection of its own,
 * and prints here. The shell keeps its own line editing, history and Ctrl-C (which interrupts the waiting thread).
 */
public final class AttachedShell {

    private AttachedShell() {
    }

    /** The banner line: which process the shell talks to. */
    public static String banner(AttachClient.Holder holder, Path home) {
        return "attached to " + holder.describe() + " on " + home.toAbsolutePath();
    }

    /** Runs a line's words in the process that holds {@code home}; returns the exit code. */
    public static Function<List<String>, Integer> runner(Path home, AttachClient.Holder holder, PrintWriter out,
                                                         PrintWriter err, boolean tty) {
        return words -> {
            Optional<AttachClient> client = AttachClient.connect(home);
            if (client.isEmpty()) {
                err.println("causa: " + holder.describe() + " that this shell is attached to has ended; leave"
                        + " (exit) and start causa again");
                err.flush();
                return 3;
            }
            try (AttachClient c = client.get()) {
                return c.run(AttachRequest.of(words, tty, "repl"), new TextSink(out), new TextSink(err));
            } catch (IOException e) {
                err.println("causa: " + e.getMessage());
                err.flush();
                return 3;
            } finally {
                out.flush();
                err.flush();
            }
        };
    }

    /** A one-shot command run in the process that holds the home; Ctrl-C here stops it there. */
    public static int runOnce(AttachClient client, String[] args) {
        boolean tty = System.console() != null && System.console().isTerminal();
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> client.interrupt());
        try (client) {
            int code = client.run(AttachRequest.of(List.of(args), tty, "cli"), System.out, System.err);
            // as a local one-shot command ends on Ctrl-C (SIGINT), whatever the command made of the interrupt
            return client.wasInterrupted() ? 130 : code;
        } catch (IOException e) {
            System.err.println("causa: " + e.getMessage());
            return 3;
        }
    }
}
