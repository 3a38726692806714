package dev.causa.repl.cmd;

import dev.causa.engine.Causa;
import dev.causa.repl.Session;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code causa} command: the same tree serves one-shot use and the REPL. */
@Command(name = "causa",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // --help on every sub-command
        versionProvider = RootCommand.Version.class,
        description = "A job engine in which every job knows the action that caused it.%n"
                + "Without a command, starts the interactive shell.",
        subcommands = {ActionCommand.class, JobCommand.class, PluginCommand.class, StoreCommand.class,
                StatusCommand.class, StatsCommand.class, ServeCommand.class, ScheduleCommand.class, ScriptCommand.class,
                JsCommand.class, TypesCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 usage or bad input, 2 not found, 3 engine, store or job error.",
                "Data directory: --home DIR, else $CAUSA_HOME, else ~/.causa.",
                "Store: --store URL, else $CAUSA_STORE, else store= in <home>/causa.conf, else <home>/causa.db."})
public final class RootCommand implements Runnable {

    private final Session session;

    public RootCommand(Session session) {
        this.session = session;
    }

    public Session session() {
        return session;
    }

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The data directory (store, plugins, history). Default: $CAUSA_HOME or ~/.causa.")
    void setHome(Path home) {
        session.setHome(home);
    }

    @Option(names = "--store", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The store: mapdb:<file> or postgresql://user@host:port/db. Default: $CAUSA_STORE, else "
                    + "store= in <home>/causa.conf, else <home>/causa.db.")
    void setStore(String url) {
        session.setStoreUrl(url);
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    void setVerbose(boolean verbose) {
        session.setVerbose(verbose);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** The engine version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"causa " + Causa.VERSION};
        }
    }
}
