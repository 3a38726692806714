package dev.causa.repl;

import dev.causa.engine.Causa;
import dev.causa.engine.event.CausaEvent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One front-end session: where its output goes, who it acts as, and the engine, opened on first use. The REPL
 * keeps one session for its whole life; a one-shot command has one for the command.
 */
public final class Session implements AutoCloseable {

    /** How the front end was started: decides {@code initiated_by} and whether the engine stays open. */
    public enum Mode {
        CLI("cli"), REPL("repl");

        final String prefix;

        Mode(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Mode mode;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean ansi;
    private Path home;
    private String storeUrl;
    private boolean verbose;
    private Causa causa;
    private volatile Foreground foreground;

    /**
     * Told when a command starts following jobs live (the REPL then shows its output at once and leaves those
     * jobs out of its status line and notifications).
     */
    public interface Foreground {
        /** Returns a handle that ends the following. */
        AutoCloseable following(Predicate<CausaEvent> follows);
    }

    public Session(Mode mode, PrintWriter out, PrintWriter err, boolean ansi) {
        this.mode = mode;
        this.out = out;
        this.err = err;
        this.ansi = ansi;
    }

    /** The data directory: {@code --home}, else {@code CAUSA_HOME}, else {@code ~/.causa}. */
    public Path home() {
        if (home == null) {
            String env = System.getenv("CAUSA_HOME");
            home = env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(System.getProperty("user.home"), ".causa");
        }
        return home;
    }

    /** The store URL given with {@code --store}, or null for the default (CAUSA_STORE, causa.conf, the home's file). */
    public String storeUrl() {
        return storeUrl;
    }

    public void setStoreUrl(String url) {
        if (causa != null && !java.util.Objects.equals(url, storeUrl)) {
            throw dev.causa.engine.model.CausaException.badInput("--store cannot change once the engine is open");
        }
        this.storeUrl = url;
    }

    public void setHome(Path home) {
        if (causa != null && !home.toAbsolutePath().equals(this.home.toAbsolutePath())) {
            throw dev.causa.engine.model.CausaException.badInput("--home cannot change once the engine is open"
                    + " (the shell's home is " + this.home + ")");
        }
        this.home = home;
    }

    /** The engine, opened on first use (which takes the store's lock). */
    public synchronized Causa causa() {
        if (causa == null) {
            causa = new Causa.Builder(new Causa.Options(home(), builtinPluginFolders(), workers())).store(storeUrl)
                    .build();
            // the shell runs work: a command racing its start sees the workers running, never "not started"
            if (mode == Mode.REPL) causa.startWorkers();
        }
        return causa;
    }

    /** The engine with its workers running: for commands that run work. */
    public Causa causaWithWorkers() {
        Causa c = causa();
        c.startWorkers();
        return c;
    }

    public synchronized boolean isOpen() {
        return causa != null;
    }

    private static int workers() {
        String configured = System.getenv("CAUSA_WORKERS");
        if (configured != null && configured.matches("\\d+")) return Integer.parseInt(configured);
        return Causa.Options.defaultWorkers();
    }

    /** The distribution's {@code plugins} folder (set by the launcher), if any. */
    private static List<Path> builtinPluginFolders() {
        List<Path> out = new ArrayList<>();
        String dist = System.getProperty("causa.dist");
        if (dist != null) {
            Path plugins = Path.of(dist, "plugins");
            if (Files.isDirectory(plugins)) out.add(plugins);
        }
        return out;
    }

    public void setForeground(Foreground foreground) {
        this.foreground = foreground;
    }

    /** A command follows the jobs matched by {@code follows} and prints their progress itself. */
    public AutoCloseable following(Predicate<CausaEvent> follows) {
        Foreground f = foreground;
        return f == null ? () -> { } : f.following(follows);
    }

    public String initiator() {
        return mode.prefix + ":" + System.getProperty("user.name", "unknown");
    }

    public Mode mode() {
        return mode;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Whether output goes to a terminal that understands colours and cursor movement. */
    public boolean ansi() {
        return ansi;
    }

    public boolean verbose() {
        return verbose;
    }

    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public synchronized void close() {
        if (causa != null) {
            causa.close();
            causa = null;
        }
        out.flush();
        err.flush();
    }
}
