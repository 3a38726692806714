package dev.causa.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.ActionContext;
import dev.causa.engine.json.Json;
import java.time.Instant;

/**
 * An action context as every surface shows it (DESIGN §2, a contract): {@code action_type}, {@code initiated_at},
 * {@code initiated_by}, {@code action_input} (redacted) and {@code context}. Scripts see it with these names too.
 */
public final class ActionContextView {

    public static final String ACTION_TYPE = "action_type";
    public static final String INITIATED_AT = "initiated_at";
    public static final String INITIATED_BY = "initiated_by";
    public static final String ACTION_INPUT = "action_input";
    public static final String CONTEXT = "context";

    private ActionContextView() {
    }

    /** The context as JSON, or a JSON null for a job dispatched without an action. */
    public static JsonNode json(ActionContext context) {
        if (context == null) return NullNode.getInstance();
        ObjectNode json = Json.object();
        json.put(ACTION_TYPE, context.actionType());
        json.set(INITIATED_AT, instant(context.initiatedAt()));
        json.put(INITIATED_BY, context.initiatedBy());
        json.set(ACTION_INPUT, tree(context.actionInput()));
        json.set(CONTEXT, tree(context.context()));
        return json;
    }

    /** Plain JSON-like Java values (maps, lists, strings, numbers) as a tree; null as a JSON null. */
    static JsonNode tree(Object value) {
        return value == null ? NullNode.getInstance() : Json.tree(value);
    }

    /** An instant as every view writes it: ISO-8601 UTC with the instant's own precision, or null. */
    static JsonNode instant(Instant at) {
        return at == null ? NullNode.getInstance() : Json.mapper().getNodeFactory().textNode(at.toString());
    }
}
