package dev.causa.repl;

import dev.causa.engine.model.CausaException;
import dev.causa.engine.store.StoreException;
import dev.causa.repl.cmd.RootCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code causa} entry point: with a command, runs it once and exits with its code; without, starts the REPL.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path home = configureLogging(args);
        ShellOptions shell = ShellOptions.parse(args);
        // a process holds this home (a REPL, causa serve): the command runs there instead of failing "store in use"
        var attached = dev.causa.repl.attach.AttachClient.connect(home);
        if (shell != null) {
            attached.ifPresent(dev.causa.repl.attach.AttachClient::close);
            System.exit(Repl.run(shell, attached.map(dev.causa.repl.attach.AttachClient::holder).orElse(null)));
        }
        if (attached.isPresent()) System.exit(dev.causa.repl.attach.AttachedShell.runOnce(attached.get(), args));
        System.exit(runOnce(args));
    }

    /** Runs one command as the one-shot front end. */
    static int runOnce(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean ansi = System.console() != null && System.console().isTerminal() && System.getenv("NO_COLOR") == null;
        Session session = new Session(Session.Mode.CLI, out, err, ansi);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            if (session.isOpen()) {
                err.println();
                err.println("causa: interrupted; running jobs are paused and resume the next time causa runs workers");
                session.close();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return commandLine(session).execute(args);
        } finally {
            session.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }

    /** The command tree with causa's error handling: one line on stderr, the exit codes of DESIGN §7. */
    public static CommandLine commandLine(Session session) {
        CommandLine cli = new CommandLine(new RootCommand(session));
        cli.setOut(session.out());
        cli.setErr(session.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parsed) -> report(session, e));
        cli.setParameterExceptionHandler((e, args) -> {
            session.err().println("causa: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, session.err());
            session.err().println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            session.err().flush();
            return 1;
        });
        return cli;
    }

    public static int report(Session session, Throwable e) {
        PrintWriter err = session.err();
        int code;
        String message;
        if (e instanceof CausaException c) {
            code = c.kind().exitCode;
            message = c.getMessage();
        } else if (e instanceof StoreException) {
            code = 3;
            message = e.getMessage();
        } else if (e instanceof dev.causa.repl.cmd.Follow.Interrupted) {
            code = 130;
            message = e.getMessage();
        } else if (e instanceof InternalError && String.valueOf(e.getMessage()).contains("unsafe memory access")) {
            code = 3; // a read or write of the memory-mapped store faulted
            message = "cannot read or write the store: the disk is probably full (free some space and try again)";
        } else if (e instanceof InterruptedException || e.getCause() instanceof InterruptedException) {
            code = 130; // Ctrl-C in the REPL interrupts the command's thread
            message = "interrupted";
        } else if (e instanceof java.util.NoSuchElementException) {
            code = 2;
            message = e.getMessage();
        } else {
            code = 3;
            message = "internal error: " + e + (session.verbose() ? "" : " (run with --verbose for details)");
        }
        err.println("causa: " + message);
        if (session.verbose()) e.printStackTrace(err);
        err.flush();
        return code;
    }

    /** Engine logs go to {@code <home>/causa.log}, never to the terminal. */
    private static Path configureLogging(String[] args) {
        Path home = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--home")) home = Path.of(args[i + 1]);
            if (args[i].startsWith("--home=")) home = Path.of(args[i].substring(7));
        }
        if (home == null) {
            String env = System.getenv("CAUSA_HOME");
            home = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".causa");
        }
        home.toFile().mkdirs();
        System.setProperty("org.slf4j.simpleLogger.logFile", home.resolve("causa.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        // libraries that log through java.util.logging (MapDB) go to the same file, not to the terminal
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return home;
    }
}
