package dev.causa.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.Page;
import dev.causa.engine.view.ActionView;
import dev.causa.engine.view.JobView;

/**
 * Starting actions and the audit trail: {@code POST /api/v1/actions/{type}/runs}, {@code GET /api/v1/action-runs},
 * {@code GET /api/v1/action-runs/{id}}, {@code POST /api/v1/action-runs/{id}/replay}.
 *
 * <p>A run is answered once it is acknowledged, with or without {@code ?detach}: its record and jobs are committed
 * and queued (what {@code action run --detach} waits for), 202 {@code {action_id, job_ids}}. An HTTP request never
 * waits for the jobs: follow them with {@code /api/v1/events?action_type=} or poll the action run.
 */
final class ActionRunResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final Causa causa;
    private final String initiator;

    ActionRunResource(Causa causa, String initiator) {
        this.causa = causa;
        this.initiator = initiator;
    }

    void register(Router router) {
        router.post("/api/v1/actions/{type}/runs", this::run);
        router.get("/api/v1/action-runs", this::list);
        router.get("/api/v1/action-runs/{id}", r -> Reply.ok(ActionView.json(causa.actionRun(r.param("id")))));
        router.post("/api/v1/action-runs/{id}/replay", this::replay);
    }

    private Reply run(Request request) throws Exception {
        request.flag("detach"); // accepted for the CLI's sake; a run is answered at its acknowledgement either way
        String body = request.body();
        String input = body.isBlank() ? "{}" : body;
        return started(causa.runAction(request.param("type"), input, initiator));
    }

    private Reply replay(Request request) throws Exception {
        String body = request.body();
        return started(causa.replay(request.param("id"), body.isBlank() ? null : body, initiator));
    }

    private static Reply started(ActionRun run) {
        ObjectNode json = Json.object();
        json.put(JobView.ACTION_ID, run.actionId());
        ArrayNode ids = json.putArray(ActionView.JOB_IDS);
        run.jobIds().forEach(ids::add);
        return Reply.accepted(json, "/api/v1/action-runs/" + run.actionId());
    }

    private Reply list(Request request) {
        Page<ActionRecord> page = causa.actionRunPage(new ActionQuery(request.queryOrNull("action_type"), null,
                request.cursor(), request.limit(DEFAULT_LIMIT, MAX_LIMIT)));
        ArrayNode items = Json.mapper().createArrayNode();
        page.items().forEach(a -> items.add(ActionView.json(a)));
        return Reply.ok(Paging.page(items, page.next()));
    }
}
