package dev.causa.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Page;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Jobs: {@code GET /api/v1/jobs} (filters and paging as {@code job list}, plus {@code q=} free text), {@code GET
 * /api/v1/jobs/{id}} (everything {@code job info --json} shows), and {@code POST /api/v1/jobs/{id}/pause|resume|
 * cancel|retry}. Pause and cancel answer 200 once the job stopped (within the CLI's wait, else the CLI's "stuck"
 * error); resume and retry answer 202 once the job is queued to run: they never wait for it to end.
 */
final class JobResource {

    private final Causa causa;

    JobResource(Causa causa) {
        this.causa = causa;
    }

    void register(Router router) {
        router.get("/api/v1/jobs", this::list);
        router.get("/api/v1/jobs/{id}", r -> Reply.ok(causa.jobView(causa.job(r.param("id"))).full()));
        router.post("/api/v1/jobs/{id}/pause", r -> stopped(r, causa.pause(r.param("id")), "pause"));
        router.post("/api/v1/jobs/{id}/cancel", r -> stopped(r, causa.cancel(r.param("id")), "be cancelled"));
        router.post("/api/v1/jobs/{id}/resume", r -> queued(r, causa.resume(r.param("id"))));
        router.post("/api/v1/jobs/{id}/retry", r -> queued(r, causa.retry(r.param("id"))));
    }

    private Reply list(Request request) {
        JobState state;
        try {
            state = request.queryOrNull("state") == null ? null : JobState.parse(request.queryOrNull("state"));
        } catch (IllegalArgumentException e) {
            throw CausaException.badInput(e.getMessage());
        }
        String action = request.queryOrNull("action") == null ? null
                : causa.resolveActionId(request.queryOrNull("action"));
        JobQuery query = new JobQuery(request.queryOrNull("action_type"), state, action, null,
                request.queryOrNull("initiated_by"), request.cursor(),
                request.limit(ActionRunResource.DEFAULT_LIMIT, ActionRunResource.MAX_LIMIT));
        String text = request.queryOrNull("q");
        Page<JobRecord> page = text == null ? causa.jobPage(query) : JobSearch.page(causa, query, text, query.limit());
        ArrayNode items = Json.mapper().createArrayNode();
        page.items().forEach(j -> items.add(causa.jobView(j).summary()));
        return Reply.ok(Paging.page(items, page.next()));
    }

    private Reply stopped(Request request, CompletableFuture<JobState> stop, String what) throws Exception {
        String id = causa.resolveJobId(request.param("id"));
        try {
            stop.get(Causa.STUCK_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CausaException(CausaException.Kind.ENGINE, "job " + id + " did not reach a pause point within "
                    + Causa.STUCK_AFTER.toSeconds() + " s: it is stuck; it will " + what + " when it reaches one"
                    + (what.equals("be cancelled") ? ", or when causa next starts" : ""));
        }
        return Reply.ok(causa.jobView(causa.job(id)).summary());
    }

    private Reply queued(Request request, CompletableFuture<JobRecord> started) {
        JobRecord job = causa.job(causa.resolveJobId(request.param("id")));
        return new Reply(202, causa.jobView(job).summary(), java.util.Map.of());
    }
}
