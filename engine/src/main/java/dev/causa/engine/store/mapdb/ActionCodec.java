package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.ActionRecord;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;

import static dev.causa.engine.store.mapdb.CodecFields.*;

/** An action record field by field, as {@link RecordCodec} stores it. */
final class ActionCodec {

    private ActionCodec() {
    }


    static void write(JsonGenerator g, ActionRecord action) throws IOException {
        g.writeStartObject();
        string(g, "id", action.id);
        string(g, "action_type", action.actionType);
        instant(g, "initiated_at", action.initiatedAt);
        string(g, "initiated_by", action.initiatedBy);
        value(g, "action_input", action.actionInput);
        value(g, "context", action.context);
        string(g, "status", action.status == null ? null : STATUS[action.status.ordinal()]);
        strings(g, "job_ids", action.jobIds);
        string(g, "error", action.error);
        instant(g, "finished_at", action.finishedAt);
        string(g, "replay_of", action.replayOf);
        string(g, "schedule", action.schedule);
        instant(g, "scheduled_for", action.scheduledFor);
        g.writeEndObject();
    }

    /** As {@link ActionRecord.Status}'s {@code @JsonProperty} names spell them (a test holds the two together). */
    static final String[] STATUS = java.util.Arrays.stream(ActionRecord.Status.values())
            .map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    static ActionRecord read(JsonParser p) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT);
        ActionRecord action = new ActionRecord();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> action.id = string(p, t);
                case "action_type" -> action.actionType = string(p, t);
                case "initiated_at" -> action.initiatedAt = instant(p, t);
                case "initiated_by" -> action.initiatedBy = string(p, t);
                case "action_input" -> action.actionInput = tree(p, t);
                case "context" -> action.context = map(p, t);
                case "status" -> action.status = status(p, t);
                case "job_ids" -> action.jobIds = strings(p, t);
                case "error" -> action.error = string(p, t);
                case "finished_at" -> action.finishedAt = instant(p, t);
                case "replay_of" -> action.replayOf = string(p, t);
                case "schedule" -> action.schedule = string(p, t);
                case "scheduled_for" -> action.scheduledFor = instant(p, t);
                default -> throw unknown(p, name);
            }
        }
        expect(p, p.currentToken(), JsonToken.END_OBJECT);
        if (action.actionInput == null) action.actionInput = NullNode.getInstance();
        return action;
    }

    static ActionRecord.Status status(JsonParser p, JsonToken t) throws IOException {
        String text = string(p, t);
        if (text == null) return null;
        for (int i = 0; i < STATUS.length; i++) {
            if (STATUS[i].equalsIgnoreCase(text)) return ActionRecord.Status.values()[i];
        }
        throw problem(p, "unknown action status '" + text + "'");
    }

}
