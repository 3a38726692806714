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

        /** How the mode is named in {@code initiated_by} and in the attach protocol: {@code cli}, {@code repl}. */
        public String label() {
            return prefix;
        }

        public static Mode of(String label) {
            for (Mode m : values()) if (m.prefix.equals(label)) return m;
            throw new IllegalArgumentException("unknown front-end mode " + label);
        }
    }

    /**
     * Which engine a session uses: its own ({@code attached} false, this process), or the one of the process that
     * holds the home, whose kind is {@code repl} or {@code serve}.
     */
    public record Engine(boolean attached, long pid, String kind) {
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
    /** The session whose engine this one uses (a command attached from another process); null for its own. */
    private final Session owner;
    /** Where relative paths resolve: the attached client's directory; null for this process's. */
    private final Path cwd;
    private final String user;
    private String kind;

    /**
     * Told when a command starts following jobs live (the REPL then shows its output at once and leaves those
     * jobs out of its status line and notifications).
     */
    public interface Foreground {
        /** Returns a handle that ends the following. */
        AutoCloseable following(Predicate<CausaEvent> follows);
    }

    public Session(Mode mode, PrintWriter out, PrintWriter err, boolean ansi) {
        this(mode, out, err, ansi, null, null, System.getProperty("user.name", "unknown"));
    }

    private Session(Mode mode, PrintWriter out, PrintWriter err, boolean ansi, Session owner, Path cwd, String user) {
        this.mode = mode;
        this.out = out;
        this.err = err;
        this.ansi = ansi;
        this.owner = owner;
        this.cwd = cwd;
        this.user = user;
        this.kind = mode.prefix;
    }

    /**
     * A session for a command sent by another process ({@code causa} on a home this process holds): it shares this
     * session's open engine, writes to the connection, acts as the client's user, and resolves relative paths
     * against the client's directory. Closing it leaves the engine open.
     */
    public Session attached(Mode mode, PrintWriter out, PrintWriter err, boolean ansi, Path cwd, String user) {
        Session attached = new Session(mode, out, err, ansi, this, cwd, user);
        attached.home = home();
        attached.storeUrl = storeUrl;
        return attached;
    }

    /** Names the kind of process this session's engine runs in, for {@code status}: {@code repl} or {@code serve}. */
    public void setKind(String kind) {
        this.kind = kind;
    }

    /** The engine this session talks to. */
    public Engine engine() {
        return owner == null ? new Engine(false, ProcessHandle.current().pid(), kind)
                : new Engine(true, ProcessHandle.current().pid(), owner.kind);
    }

    /** Whether this session runs a command sent by another process. */
    public boolean isAttached() {
        return owner != null;
    }

    /** A path as the user meant it: relative paths resolve against the directory the command was given in. */
    public Path resolve(Path path) {
        return path == null || cwd == null ? path : cwd.resolve(path);
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
        if (owner != null && !java.util.Objects.equals(url, storeUrl)) {
            throw dev.causa.engine.model.CausaException.badInput("--store cannot differ from the store of the causa "
                    + owner.kind + " (pid " + ProcessHandle.current().pid() + ") that holds " + home);
        }
        if (causa != null && !java.util.Objects.equals(url, storeUrl)) {
            throw dev.causa.engine.model.CausaException.badInput("--store cannot change once the engine is open");
        }
        this.storeUrl = url;
    }

    public void setHome(Path home) {
        if (owner != null) {
            if (!resolve(home).toAbsolutePath().normalize().equals(this.home.toAbsolutePath().normalize())) {
                throw dev.causa.engine.model.CausaException.badInput("--home cannot change: this command runs in the"
                        + " causa " + owner.kind + " that holds " + this.home);
            }
            return;
        }
        if (causa != null && !home.toAbsolutePath().equals(this.home.toAbsolutePath())) {
            throw dev.causa.engine.model.CausaException.badInput("--home cannot change once the engine is open"
                    + " (the shell's home is " + this.home + ")");
        }
        this.home = home;
    }

    /** The engine, opened on first use (which takes the store's lock). */
    public synchronized Causa causa() {
        if (owner != null) return owner.causa();
        if (causa == null) {
            causa = new Causa.Builder(new Causa.Options(home(), builtinPluginFolders(), workers())).store(storeUrl)
                    .build();
            // the shell runs work: a command racing its start sees the workers running, never "not started"
            if (mode == Mode.REPL) causa.startScheduler(); // workers, and schedules fire while the shell runs
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
        return owner != null ? owner.isOpen() : causa != null;
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
        return mode.prefix + ":" + user;
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
        if (causa != null && owner == null) {
            causa.close();
            causa = null;
        }
        out.flush();
        err.flush();
    }
}
