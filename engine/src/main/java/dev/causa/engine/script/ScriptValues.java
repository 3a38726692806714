package dev.causa.engine.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.view.ActionContextView;
import dev.causa.engine.view.ActionView;
import dev.causa.engine.view.JobView;
import java.util.List;

/**
 * The JSON shapes scripts see (causa.d.ts describes them), taken from the views every front end shows
 * ({@link JobView}, {@link ActionView}) by one key mapping: a top-level field keeps its value and gets its
 * camelCase name ({@code job_type} → {@code jobType}), while nested values keep their contract names (an action
 * context's {@code action_type}, {@code initiated_by}, ...). Two differences, both here: an action run's
 * {@code id} is {@code actionId} (as other records name it), and a job's {@code error} is its message only.
 */
final class ScriptValues {

    /** The job fields a script sees, in order. */
    private static final List<String> JOB_FIELDS = List.of(JobView.ID, JobView.JOB_TYPE, JobView.STATE,
            JobView.ACTION_ID, JobView.ACTION_TYPE, JobView.PARENT_JOB_ID, JobView.ACTION_CONTEXT, JobView.CREATED_AT,
            JobView.STARTED_AT, JobView.FINISHED_AT, JobView.ATTEMPTS, JobView.MESSAGE, JobView.ERROR,
            JobView.PROGRESS);

    /** The action run fields of {@code causa.actions.result(id)}, in order (its jobs follow). */
    private static final List<String> RESULT_FIELDS = List.of(ActionView.ID, ActionView.ACTION_TYPE,
            ActionView.STATUS, ActionView.ERROR, ActionView.INITIATED_BY, ActionView.FINISHED_AT);

    /** The action context fields a run shows at its top level (the whole context follows). */
    private static final List<String> RUN_FIELDS = List.of(ActionContextView.ACTION_TYPE,
            ActionContextView.INITIATED_BY, ActionContextView.INITIATED_AT);

    /** The script API's own field: the jobs of a run or a result. */
    private static final String JOBS = "jobs";

    private ScriptValues() {
    }

    /** The name a script sees for a view's top-level field. */
    static String scriptName(String field) {
        StringBuilder name = new StringBuilder(field.length());
        boolean upper = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** An action run's id as scripts name it: {@code actionId}, as a job's {@code action_id}. */
    private static final String ACTION_ID = scriptName(JobView.ACTION_ID);

    static ObjectNode run(ActionRun run) {
        ObjectNode json = Json.object();
        json.put(ACTION_ID, run.actionId());
        JsonNode context = ActionContextView.json(run.context());
        for (String field : RUN_FIELDS) json.set(scriptName(field), context.get(field));
        json.set(scriptName(JobView.ACTION_CONTEXT), context);
        ArrayNode jobs = json.putArray(JOBS);
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
        for (String field : RESULT_FIELDS) {
            json.set(field.equals(ActionView.ID) ? ACTION_ID : scriptName(field), ActionView.value(record, field));
        }
        ArrayNode jobs = json.putArray(JOBS);
        causa.jobs(JobQuery.ofAction(record.id)).forEach(j -> jobs.add(job(j)));
        return json;
    }

    /** A job as scripts see it. Call under the record's monitor if the job may be running. */
    static ObjectNode job(JobRecord r) {
        JobView view = JobView.of(r, false);
        ObjectNode json = Json.object();
        for (String field : JOB_FIELDS) {
            json.set(scriptName(field), field.equals(JobView.ERROR) ? Json.mapper().getNodeFactory()
                    .textNode(view.errorMessage()) : view.value(field));
        }
        return json;
    }
}
