package dev.causa.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.model.ActionRecord;
import java.util.List;
import java.util.Locale;

/**
 * An action run (the audit trail) as front ends show it: {@code action list-runs --json}, the record part of
 * {@code action run --json}, and, picked and renamed, scripts and action events. The fields an action run shares
 * with the action context it gives its jobs have the context's names.
 */
public final class ActionView {

    public static final String ID = "id";
    public static final String ACTION_TYPE = ActionContextView.ACTION_TYPE;
    public static final String INITIATED_AT = ActionContextView.INITIATED_AT;
    public static final String INITIATED_BY = ActionContextView.INITIATED_BY;
    public static final String ACTION_INPUT = ActionContextView.ACTION_INPUT;
    public static final String CONTEXT = ActionContextView.CONTEXT;
    /** {@code running}, {@code completed} or {@code failed}. */
    public static final String STATUS = "status";
    public static final String JOB_IDS = "job_ids";
    public static final String ERROR = "error";
    public static final String FINISHED_AT = "finished_at";
    /** The action run this one replays, or null. */
    public static final String REPLAY_OF = "replay_of";
    /** The schedule that started the run, or null. */
    public static final String SCHEDULE = "schedule";
    /** The fire time of the schedule the run was meant for, or null. */
    public static final String SCHEDULED_FOR = "scheduled_for";

    /** Every field, in order. */
    public static final List<String> FULL = List.of(ID, ACTION_TYPE, INITIATED_AT, INITIATED_BY, ACTION_INPUT,
            CONTEXT, STATUS, JOB_IDS, ERROR, FINISHED_AT, REPLAY_OF, SCHEDULE, SCHEDULED_FOR);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ActionView() {
    }

    /** Every field of the record. */
    public static ObjectNode json(ActionRecord action) {
        ObjectNode json = NODES.objectNode();
        for (String field : FULL) json.set(field, value(action, field));
        return json;
    }

    /** One field's value; a field not listed in {@link #FULL} is an error. */
    public static JsonNode value(ActionRecord action, String field) {
        return switch (field) {
            case ID -> text(action.id);
            case ACTION_TYPE -> text(action.actionType);
            case INITIATED_AT -> ActionContextView.instant(action.initiatedAt);
            case INITIATED_BY -> text(action.initiatedBy);
            case ACTION_INPUT -> action.actionInput == null ? NullNode.getInstance() : action.actionInput.deepCopy();
            case CONTEXT -> ActionContextView.tree(action.context);
            case STATUS -> text(status(action.status));
            case JOB_IDS -> jobIds(action.jobIds);
            case ERROR -> text(action.error);
            case FINISHED_AT -> ActionContextView.instant(action.finishedAt);
            case REPLAY_OF -> text(action.replayOf);
            case SCHEDULE -> text(action.schedule);
            case SCHEDULED_FOR -> ActionContextView.instant(action.scheduledFor);
            default -> throw new IllegalArgumentException("an action run has no field " + field);
        };
    }

    /** How a status is spelt: {@code running}, {@code completed}, {@code failed}. */
    public static String status(ActionRecord.Status status) {
        return status == null ? null : status.name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode jobIds(List<String> ids) {
        if (ids == null) return NullNode.getInstance();
        ArrayNode json = NODES.arrayNode(ids.size());
        ids.forEach(json::add);
        return json;
    }

    private static JsonNode text(String value) {
        return value == null ? NullNode.getInstance() : NODES.textNode(value);
    }
}
