package dev.causa.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.engine.script.ScriptRunner;
import dev.causa.engine.view.StatsView;

/**
 * The engine at a glance: {@code GET /api/v1/status}, {@code /stats}, {@code /plugins}, {@code /actions} and
 * {@code /actions/{type}}, each the JSON of the matching {@code --json} command.
 */
final class EngineResource {

    private final Causa causa;

    EngineResource(Causa causa) {
        this.causa = causa;
    }

    void register(Router router) {
        router.get("/api/v1/status", r -> {
            var status = causa.status();
            status.set("script_engine", Json.tree(ScriptRunner.runtime())); // scripts are a front end's: added here
            return Reply.ok(status);
        });
        router.get("/api/v1/stats", r -> Reply.ok(StatsView.json(StatsView.rows(
                causa.actionRuns(r.queryOrNull("action_type"), 0)))));
        router.get("/api/v1/plugins", r -> {
            ArrayNode array = Json.mapper().createArrayNode();
            causa.pluginList().forEach(p -> array.add(Json.tree(p)));
            return Reply.ok(array);
        });
        router.get("/api/v1/actions", r -> {
            ArrayNode array = Json.mapper().createArrayNode();
            causa.actionTypes().forEach(a -> array.add(a.summary()));
            return Reply.ok(array);
        });
        router.get("/api/v1/actions/{type}", r -> Reply.ok(Json.tree(causa.actionInfo(r.param("type")))));
    }
}
