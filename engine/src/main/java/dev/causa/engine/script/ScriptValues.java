package dev.causa.engine.script;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import java.util.Locale;

/**
 * The JSON shapes scripts see (causa.d.ts describes them): camelCase names for the API's own fields, while an
 * action context keeps the stored field names of the contract ({@code action_type}, {@code initiated_by}, ...).
 */
final class ScriptValues {

    private ScriptValues() {
    }

    static ObjectNode run(ActionRun run) {
        ObjectNode json = Json.object();
        json.put("actionId", run.actionId());
        json.put("actionType", run.context().actionType());
        json.put("initiatedBy", run.context().initiatedBy());
        json.put("initiatedAt", run.context().initiatedAt().toString());
        json.set("actionContext", Json.tree(run.context()));
        ArrayNode jobs = json.putArray("jobs");
        for (LiveJob live : run.jobs()) {
            synchronized (live.record()) {
                jobs.add(job(live.record()));
            }
        }
        return json;
    }

    static ObjectNode actionResult(Causa causa, String idOrPrefix) {
        ActionRecord record = causa.actionRun(idOrPrefix);
        ObjectNode json = Json.object();
        json.put("actionId", record.id);
        json.put("actionType", record.actionType);
        json.put("status", record.status.name().toLowerCase(Locale.ROOT));
        json.put("error", record.error);
        json.put("initiatedBy", record.initiatedBy);
        json.put("finishedAt", record.finishedAt == null ? null : record.finishedAt.toString());
        ArrayNode jobs = json.putArray("jobs");
        causa.jobs(JobQuery.ofAction(record.id)).forEach(j -> jobs.add(job(j)));
        return json;
    }

    /** A job as scripts see it: camelCase names; the action context keeps the seed's field names. */
    static ObjectNode job(JobRecord r) {
        ObjectNode json = Json.object();
        json.put("id", r.id);
        json.put("jobType", r.jobType);
        json.put("state", r.state.label());
        json.put("actionId", r.actionId);
        json.put("actionType", r.actionType);
        json.put("parentJobId", r.parentJobId);
        json.set("actionContext", Json.tree(r.actionContext));
        json.put("createdAt", r.createdAt == null ? null : r.createdAt.toString());
        json.put("startedAt", r.startedAt == null ? null : r.startedAt.toString());
        json.put("finishedAt", r.finishedAt == null ? null : r.finishedAt.toString());
        json.put("attempts", r.attempts);
        json.put("message", r.message);
        json.put("error", r.error == null ? null : r.error.message());
        json.set("progress", Json.tree(r.progress));
        return json;
    }
}
