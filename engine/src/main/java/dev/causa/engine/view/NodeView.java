package dev.causa.engine.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * A process on the store (a node, DESIGN §11) as {@code status} shows it: on a store one process opens, just this
 * one.
 *
 * @param alive   its heartbeat is recent (a node killed without closing stays listed, not alive, for a while)
 * @param self    it is this process
 * @param running the jobs it holds a live lease on (runs now)
 */
public record NodeView(String id, String host, long pid, String version, Instant startedAt, Instant heartbeatAt,
                       boolean alive, boolean self, List<String> plugins, List<String> running) {

    public ObjectNode json() {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("host", host);
        json.put("pid", pid);
        json.put("version", version);
        json.put("started_at", startedAt == null ? null : startedAt.toString());
        json.put("heartbeat_at", heartbeatAt == null ? null : heartbeatAt.toString());
        json.put("alive", alive);
        json.put("self", self);
        json.set("plugins", Json.tree(plugins));
        json.put("running_count", running.size());
        json.set("running", Json.tree(running));
        return json;
    }
}
