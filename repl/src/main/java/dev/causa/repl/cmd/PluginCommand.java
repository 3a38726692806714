package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.repl.view.Table;
import java.util.List;
import org.pf4j.PluginWrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plugin list}. */
@Command(name = "plugin", description = "See the installed plugins.",
        subcommands = {PluginCommand.ListPlugins.class})
final class PluginCommand {

    @Command(name = "list", description = "List plugins: id, version, state, and the actions and job types each offers.")
    static final class ListPlugins extends SessionCommand {
        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Causa causa = causa();
            var extensions = causa.plugins().extensions();
            ArrayNode array = Json.mapper().createArrayNode();
            Table table = new Table("PLUGIN", "VERSION", "STATE", "PROVIDER", "ACTIONS", "JOB TYPES");
            for (PluginWrapper plugin : causa.plugins().manager().getPlugins()) {
                String id = plugin.getPluginId();
                List<String> actions = extensions.actions().stream().filter(c -> id.equals(c.pluginId()))
                        .map(c -> c.extension().type()).toList();
                List<String> jobs = extensions.jobs().stream().filter(c -> id.equals(c.pluginId()))
                        .map(c -> c.extension().type()).toList();
                var d = plugin.getDescriptor();
                ObjectNode json = array.addObject();
                json.put("id", id).put("version", d.getVersion())
                        .put("state", plugin.getPluginState().toString().toLowerCase())
                        .put("provider", d.getProvider()).put("path", plugin.getPluginPath().toString());
                json.set("actions", Json.tree(actions));
                json.set("job_types", Json.tree(jobs));
                table.row(id, d.getVersion(), plugin.getPluginState().toString().toLowerCase(), d.getProvider(),
                        String.join(",", actions), String.join(",", jobs));
            }
            if (output.json) return printJson(array);
            if (table.isEmpty()) out().println("no plugins installed");
            else table.print(out(), ansi());
            extensions.conflicts().forEach(c -> session().err().println("warning: " + c));
            return 0;
        }
    }
}
