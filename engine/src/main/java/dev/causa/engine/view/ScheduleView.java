package dev.causa.engine.view;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.model.ScheduleRecord;
import java.time.Instant;
import java.util.Locale;

/** A schedule as front ends show it ({@code schedule list|info --json}, scripts, the HTTP API). */
public final class ScheduleView {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScheduleView() {
    }

    /**
     * @param next       the next fire time, or null
     * @param unresolved whether no started plugin offers its action type
     */
    public static ObjectNode json(ScheduleRecord s, Instant next, boolean unresolved) {
        ObjectNode json = NODES.objectNode();
        json.put("name", s.name());
        json.put("cron", s.cron());
        json.put("every", s.every());
        json.put("zone", s.zone());
        json.put("missed", s.missed().name().toLowerCase(Locale.ROOT));
        json.put("action_type", s.actionType());
        json.set("input", s.input() == null ? NullNode.getInstance() : s.input().deepCopy());
        json.put("state", s.paused() ? "paused" : unresolved ? "unresolved" : "active");
        json.put("paused", s.paused());
        json.put("unresolved", unresolved);
        json.set("created_at", ActionContextView.instant(s.createdAt()));
        json.put("created_by", s.createdBy());
        json.set("last_fire", ActionContextView.instant(s.lastFire()));
        json.set("next_fire", ActionContextView.instant(next));
        return json;
    }
}
