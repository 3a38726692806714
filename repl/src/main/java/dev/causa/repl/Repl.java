package dev.causa.repl;

import dev.causa.engine.model.JobState;
import dev.causa.repl.cmd.Completions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The interactive shell: one REPL session whose engine is opened once, with its workers running, and the command
 * tree of the one-shot front end. On a terminal it is a JLine shell ({@link TerminalShell}); with stdin or stdout
 * not a terminal it reads commands line by line and prints plain output only, so it works as a batch.
 */
final class Repl {

    static final String LEAVE_HINT = "exit, quit or Ctrl-D leaves; Tab completes; Ctrl-R searches the history";

    final Session session;
    final CommandLine cli;
    private final Consumer<String> messages;
    private AutoCloseable subscription;
    private AutoCloseable listener = () -> { };
    private Integer exitCode;
    /** Runs a line elsewhere (a shell attached to the process that holds the home); null to run it here. */
    private java.util.function.Function<List<String>, Integer> remote;

    Repl(Session session, Consumer<String> messages) {
        this.session = session;
        this.messages = messages;
        this.cli = Main.commandLine(session);
        if (!session.ansi()) cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        Completions.use(session);
    }

    static int run(ShellOptions options) {
        return run(options, null);
    }

    /** @param attached the process that holds the home, to run every line in; null to open the engine here */
    static int run(ShellOptions options, dev.causa.repl.attach.AttachClient.Holder attached) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        try {
            return terminal ? TerminalShell.run(options, attached) : batch(options, attached);
        } catch (IOException e) {
            System.err.println("causa: cannot use the terminal: " + e.getMessage());
            return 3;
        }
    }

    /**
     * Opens the engine and starts its workers off the main thread, so the prompt comes at once; a command that
     * needs the engine meanwhile waits for it. Jobs an earlier session left unfinished resume now.
     */
    void start(JobsMonitor monitor, Session.Foreground foreground) {
        session.setForeground(foreground);
        // other causa commands on this home attach to this shell instead of failing with "store in use"; they wait
        // for the engine while it opens
        listener = dev.causa.repl.attach.AttachServer.start(session);
        Thread.ofPlatform().name("causa-open").daemon(true).start(() -> {
            try {
                var causa = session.causa();
                subscription = causa.events().subscribe(monitor);
                long resumed = unfinished();
                if (resumed > 0) {
                    messages.accept("resuming " + resumed + " unfinished job(s) of an earlier session");
                }
            } catch (RuntimeException e) {
                closeListener();
                messages.accept("causa: " + e.getMessage());
            }
        });
    }

    /** Runs every line in the process that holds the home, through {@code runner}. */
    void attach(java.util.function.Function<List<String>, Integer> runner) {
        this.remote = runner;
    }

    boolean isAttached() {
        return remote != null;
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (Exception ignored) {
            // closing a listener cannot fail in a way the user could act on
        }
    }

    private long unfinished() {
        return session.causa().unfinishedJobCount();
    }

    /** Runs one line's words; returns its exit code. {@link #exitCode()} says when the shell should leave. */
    int execute(List<String> words) {
        if (words.isEmpty()) return 0;
        String first = words.getFirst();
        if (first.equals("exit") || first.equals("quit")) {
            if (words.size() > 2 || (words.size() == 2 && !words.get(1).matches("\\d{1,3}"))) {
                session.err().println("causa: usage: " + first + " [CODE]");
                session.err().flush();
                return 1;
            }
            exitCode = words.size() == 2 ? Integer.parseInt(words.get(1)) : 0;
            return exitCode;
        }
        int code = remote != null ? remote.apply(words) : cli.execute(words.toArray(String[]::new));
        if (words.size() == 1 && first.equals("help")) {
            session.out().println();
            session.out().println("In the shell: " + LEAVE_HINT + ".");
            session.out().flush();
        }
        return code;
    }

    /** The code to leave with once {@code exit} was given; null while the shell goes on. */
    Integer exitCode() {
        return exitCode;
    }

    /** Stops the status line and notices. */
    void stopWatching() {
        try {
            if (subscription != null) subscription.close();
        } catch (Exception ignored) {
            // unsubscribing cannot fail
        }
        session.setForeground(null);
    }

    /** Stops showing jobs, pauses running ones at a checkpoint (they resume on the next start) and closes. */
    void leave() {
        closeListener(); // attached commands still running end with the engine
        stopWatching();
        if (session.isOpen()) {
            long running = unfinished();
            if (running > 0) {
                messages.accept("pausing " + running + " unfinished job(s) at a checkpoint; they resume the next"
                        + " time causa runs workers (the REPL, or causa job watch)");
            }
        }
        session.close();
    }

    /** Reads commands from a pipe or file: no prompt, no colours; errors on stderr, and the shell goes on. */
    private static int batch(ShellOptions options, dev.causa.repl.attach.AttachClient.Holder attached)
            throws IOException {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Session session = new Session(Session.Mode.REPL, out, err, false);
        options.applyTo(session);
        Repl repl = new Repl(session, line -> {
            err.println(line);
            err.flush();
        });
        if (attached != null) {
            repl.attach(dev.causa.repl.attach.AttachedShell.runner(session.home(), attached, out, err, false));
            err.println(dev.causa.repl.attach.AttachedShell.banner(attached, session.home()));
            err.flush();
        }
        Thread hook = leaveOnSignal(repl);
        JobsMonitor monitor = new JobsMonitor(new JobsMonitor.Screen() {
            @Override
            public void status(List<String> lines) {
                // no live status without a terminal
            }

            @Override
            public void notice(String line, String state) {
                err.println(line);
                err.flush();
            }
        }, 1);
        if (attached == null) repl.start(monitor, monitor);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int last = 0;
        StringBuilder pending = new StringBuilder();
        String line;
        while (repl.exitCode() == null && (line = in.readLine()) != null) {
            pending.append(pending.isEmpty() ? "" : "\n").append(line);
            LineParser.Words words = LineParser.split(pending.toString(), pending.length());
            if (words.missing != null) continue;
            pending.setLength(0);
            if (!words.arguments().isEmpty()) last = repl.execute(words.arguments());
        }
        if (!pending.isEmpty()) {
            err.println("causa: input ended inside a quote or bracket (missing "
                    + LineParser.split(pending.toString(), pending.length()).missing + ")");
            last = 1;
        }
        repl.leave();
        removeHook(hook);
        return repl.exitCode() != null ? repl.exitCode() : last;
    }

    /** A kill or hang-up still pauses the running jobs with a checkpoint. */
    static Thread leaveOnSignal(Repl repl) {
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            if (repl.session.isOpen()) repl.leave();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs
        }
    }
}
