package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.engine.plugin.PluginInfo;
import dev.causa.repl.view.Style;
import dev.causa.repl.view.Table;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code plugin list | info | install | enable | disable | uninstall}. */
@Command(name = "plugin", description = "See, install, enable, disable and uninstall plugins.",
        subcommands = {PluginCommand.ListPlugins.class, PluginCommand.Info.class, PluginCommand.Install.class,
                PluginCommand.Enable.class, PluginCommand.Disable.class, PluginCommand.Uninstall.class})
final class PluginCommand {

    @Command(name = "list", description = "List plugins: id, version, state, and the actions and job types each offers.")
    static final class ListPlugins extends SessionCommand {
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Causa causa = causa();
            List<PluginInfo> plugins = causa.pluginList();
            if (output.json) {
                ArrayNode array = Json.mapper().createArrayNode();
                plugins.forEach(p -> array.add(Json.tree(p)));
                return printJson(array);
            }
            Table table = new Table("PLUGIN", "VERSION", "STATE", "PROVIDER", "ACTIONS", "JOB TYPES");
            for (PluginInfo p : plugins) {
                table.row(p.id(), p.version(), p.state() + (p.builtin() ? " (built-in)" : ""), p.provider(),
                        String.join(",", p.actions()), String.join(",", p.jobTypes()));
            }
            if (table.isEmpty()) out().println("no plugins installed");
            else table.print(out(), ansi());
            causa.typeConflicts().forEach(c -> session().err().println("warning: " + c));
            return 0;
        }
    }

    @Command(name = "info", description = "Show one plugin: version, state, requirements, path, actions and job types.")
    static final class Info extends SessionCommand {
        @Parameters(paramLabel = "ID", description = "The plugin id.",
                completionCandidates = Completions.PluginIds.class)
        String id;
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            PluginInfo p = causa().pluginInfo(id);
            if (output.json) return printJson(Json.tree(p));
            out().println(Style.paint(p.id(), Style.BOLD, ansi()) + " " + p.version() + "  " + p.description());
            out().println("state:        " + p.state() + (p.builtin() ? " (built into causa)" : " (installed by you)"));
            out().println("provider:     " + p.provider());
            out().println("requires:     causa " + p.requires());
            out().println("depends on:   " + (p.dependencies().isEmpty() ? "-" : String.join(", ", p.dependencies())));
            out().println("actions:      " + (p.actions().isEmpty() ? "-" : String.join(", ", p.actions())));
            out().println("job types:    " + (p.jobTypes().isEmpty() ? "-" : String.join(", ", p.jobTypes())));
            out().println("jar:          " + p.path());
            return 0;
        }
    }

    /** A change to one plugin: print what it is now, as a line or as JSON. */
    abstract static class Change extends SessionCommand {
        @Mixin
        JsonOption output;

        int report(PluginInfo p, String done) {
            if (output.json) return printJson(Json.tree(p));
            out().println("plugin " + p.id() + " " + p.version() + " " + done
                    + (p.actions().isEmpty() ? "" : "; actions: " + String.join(", ", p.actions())));
            return 0;
        }
    }

    @Command(name = "install", description = {"Install a plugin jar into <home>/plugins and start it.",
            "A newer version of an installed plugin replaces it."})
    static final class Install extends Change {
        @Parameters(paramLabel = "JAR", description = "The plugin jar.")
        Path jar;

        @Override
        public Integer call() {
            return report(causa().installPlugin(session().resolve(jar)), "installed and started");
        }
    }

    /** A change to one installed plugin, named by its id. */
    abstract static class OnPlugin extends Change {
        @Parameters(paramLabel = "ID", description = "The plugin id.", completionCandidates = Completions.PluginIds.class)
        String id;
    }

    @Command(name = "enable", description = "Start a disabled plugin; stays enabled across restarts.")
    static final class Enable extends OnPlugin {
        @Override
        public Integer call() {
            return report(causa().enablePlugin(id), "enabled");
        }
    }

    @Command(name = "disable", description = {"Stop a plugin; stays disabled across restarts.",
            "Its jobs stay listed (unresolved) and continue once it is enabled."})
    static final class Disable extends OnPlugin {
        @Override
        public Integer call() {
            return report(causa().disablePlugin(id), "disabled");
        }
    }

    @Command(name = "uninstall", description = {"Remove a plugin you installed (built-in ones can only be disabled).",
            "Its jobs stay listed (unresolved) and continue if it is installed again."})
    static final class Uninstall extends OnPlugin {
        @Override
        public Integer call() {
            PluginInfo p = causa().uninstallPlugin(id);
            if (output.json) return printJson(Json.tree(p));
            out().println("plugin " + p.id() + " " + p.version() + " uninstalled");
            return 0;
        }
    }
}
