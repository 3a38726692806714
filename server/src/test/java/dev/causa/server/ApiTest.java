package dev.causa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.view.JobView;
import dev.causa.engine.view.StatsView;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint of DESIGN §12 (but schedules), as a user of the API sees it: the JSON of the --json commands. */
class ApiTest extends Served {

    @Test
    void statusIsWhatStatusJsonShows() {
        HttpResponse<String> r = get("/api/v1/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode status = json(r);
        assertThat(status.get("workers").asInt()).isEqualTo(2);
        var expected = new java.util.LinkedHashSet<Object>(Json.mapper().convertValue(causa.status(), java.util.Map.class)
                .keySet());
        expected.add("script_engine"); // added by the front ends, as status --json does
        assertThat(Json.mapper().convertValue(status, java.util.Map.class).keySet()).isEqualTo(expected);
    }

    @Test
    void pluginsAndActionTypes() {
        assertThat(json(get("/api/v1/plugins")).isArray()).isTrue();
        JsonNode actions = json(get("/api/v1/actions"));
        assertThat(actions).anySatisfy(a -> {
            assertThat(a.get("type").asText()).isEqualTo(TickAction.TYPE);
            assertThat(a.get("description").asText()).isEqualTo("Ticks for a while");
        });
        JsonNode info = json(get("/api/v1/actions/test.tick"));
        assertThat(info.get("type").asText()).isEqualTo(TickAction.TYPE);
        assertThat(info.path("input_schema").path("properties").has("step_millis")).isTrue();
        assertThat(info.toString()).isEqualTo(Json.tree(causa.actionInfo(TickAction.TYPE)).toString());
    }

    @Test
    void anActionRunIsAnsweredAtItsAcknowledgementAndRuns() throws Exception {
        HttpResponse<String> r = post("/api/v1/actions/test.tick/runs", "{\"name\":\"one\",\"jobs\":2,\"steps\":3}");
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode started = json(r);
        String actionId = started.get("action_id").asText();
        assertThat(started.get("job_ids")).hasSize(2);
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/action-runs/" + actionId);
        // acknowledged: stored before the answer
        assertThat(causa.actionRun(actionId).jobIds).hasSize(2);

        JsonNode done = awaitRun(actionId);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("initiated_by").asText()).isEqualTo("api:test");
        assertThat(done.get("context").get("operation").asText()).isEqualTo("ticking");

        HttpResponse<String> detached = post("/api/v1/actions/test.tick/runs?detach", "{\"name\":\"two\",\"steps\":1}");
        assertThat(detached.statusCode()).isEqualTo(202);
        assertThat(json(detached).get("job_ids")).hasSize(1);
    }

    @Test
    void actionRunsArePagedNewestFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(tick("p" + i, 1, 0, 0));
        JsonNode first = json(get("/api/v1/action-runs?action_type=test.tick&limit=2"));
        assertThat(first.get("items")).extracting(n -> n.get("id").asText()).containsExactly(ids.get(4), ids.get(3));
        String next = first.get("next").asText();
        JsonNode second = json(get("/api/v1/action-runs?action_type=test.tick&limit=2&cursor=" + next));
        assertThat(second.get("items")).extracting(n -> n.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        JsonNode last = json(get("/api/v1/action-runs?limit=2&cursor=" + second.get("next").asText()));
        assertThat(last.get("items")).extracting(n -> n.get("id").asText()).containsExactly(ids.get(0));
        assertThat(last.get("next").isNull()).isTrue();

        JsonNode one = json(get("/api/v1/action-runs/" + ids.get(2)));
        assertThat(one.toString()).isEqualTo(dev.causa.engine.view.ActionView.json(causa.actionRun(ids.get(2))).toString());
    }

    @Test
    void replayRunsTheRecordedInputWithOverrides() throws Exception {
        String original = tick("orig", 1, 1, 0);
        awaitRun(original);
        HttpResponse<String> r = post("/api/v1/action-runs/" + original + "/replay", "{\"steps\":2}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode replay = awaitRun(json(r).get("action_id").asText());
        assertThat(replay.get("replay_of").asText()).isEqualTo(original);
        assertThat(replay.get("action_input").get("steps").asInt()).isEqualTo(2);
        assertThat(replay.get("action_input").get("name").asText()).isEqualTo("orig");
    }

    @Test
    void jobsAreListedAsJobListJsonWithFiltersAndPages() throws Exception {
        String a = tick("alpha", 3, 1, 0);
        String b = tick("beta", 2, 1, 0);
        awaitRun(a);
        awaitRun(b);
        JsonNode all = json(get("/api/v1/jobs?action_type=test.tick&limit=4"));
        assertThat(all.get("items")).hasSize(4);
        JsonNode firstJob = all.get("items").get(0);
        assertThat(firstJob.toString()).isEqualTo(causa.jobView(causa.job(firstJob.get("id").asText())).summary().toString());
        JsonNode rest = json(get("/api/v1/jobs?action_type=test.tick&limit=4&cursor=" + all.get("next").asText()));
        assertThat(rest.get("items")).hasSize(1);

        assertThat(json(get("/api/v1/jobs?action=" + a)).get("items")).hasSize(3);
        assertThat(json(get("/api/v1/jobs?state=completed&limit=100")).get("items")).hasSize(5);
        assertThat(json(get("/api/v1/jobs?state=failed")).get("items")).isEmpty();
        assertThat(json(get("/api/v1/jobs?initiated_by=api:test")).get("items")).hasSize(5);
        assertThat(json(get("/api/v1/jobs?initiated_by=cli:nobody")).get("items")).isEmpty();
    }

    @Test
    void freeTextSearchesActionInputAndContext() throws Exception {
        awaitRun(tick("needle-in-input", 2, 0, 0));
        awaitRun(tick("hay", 3, 0, 0));
        JsonNode found = json(get("/api/v1/jobs?q=NEEDLE"));
        assertThat(found.get("items")).hasSize(2)
                .allSatisfy(j -> assertThat(j.get("action_context").toString()).contains("needle-in-input"));
        assertThat(json(get("/api/v1/jobs?q=ticking")).get("items")).hasSize(5); // in the context
        assertThat(json(get("/api/v1/jobs?q=nowhere")).get("items")).isEmpty();
        JsonNode paged = json(get("/api/v1/jobs?q=hay&limit=2"));
        assertThat(paged.get("items")).hasSize(2);
        assertThat(json(get("/api/v1/jobs?q=hay&limit=2&cursor=" + paged.get("next").asText())).get("items")).hasSize(1);
    }

    @Test
    void aJobIsShownWhole() throws Exception {
        String action = tick("whole", 1, 2, 0);
        awaitRun(action);
        String jobId = causa.jobs(JobQuery.ofAction(action)).getFirst().id;
        JsonNode job = json(get("/api/v1/jobs/" + jobId));
        assertThat(job.toString()).isEqualTo(causa.jobView(causa.job(jobId)).full().toString());
        assertThat(job.get(JobView.HISTORY)).isNotEmpty();
        assertThat(job.has(JobView.LOGS)).isTrue();
        assertThat(job.has(JobView.ERROR)).isTrue();
        assertThat(job.get(JobView.ACTION_CONTEXT).get("action_type").asText()).isEqualTo(TickAction.TYPE);
        // a unique prefix will do, as on the command line
        assertThat(json(get("/api/v1/jobs/" + jobId.substring(0, 12))).get("id").asText()).isEqualTo(jobId);
    }

    @Test
    void jobsArePausedResumedCancelledAndRetried() throws Exception {
        String action = tick("control", 1, 400, 10);
        String jobId = causa.jobs(JobQuery.ofAction(action)).getFirst().id;
        awaitState(jobId, "running");
        HttpResponse<String> paused = post("/api/v1/jobs/" + jobId + "/pause", "");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).get("state").asText()).isEqualTo("paused");

        HttpResponse<String> again = post("/api/v1/jobs/" + jobId + "/pause", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("kind").asText()).isEqualTo("conflict");

        HttpResponse<String> resumed = post("/api/v1/jobs/" + jobId + "/resume", "");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        awaitState(jobId, "running");
        HttpResponse<String> cancelled = post("/api/v1/jobs/" + jobId + "/cancel", "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("state").asText()).isEqualTo("cancelled");

        HttpResponse<String> retry = post("/api/v1/jobs/" + jobId + "/retry", "");
        assertThat(retry.statusCode()).isEqualTo(409); // only a failed job is retried
        assertThat(json(retry).get("error").asText()).isNotBlank();
    }

    @Test
    void statsAreWhatStatsJsonShows() throws Exception {
        awaitRun(tick("s", 1, 0, 0));
        JsonNode stats = json(get("/api/v1/stats?action_type=test.tick"));
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).get(StatsView.RUNS).asInt()).isEqualTo(1);
        assertThat(stats.get(0).get(StatsView.SUCCESS_RATE).asDouble()).isEqualTo(1.0);
        assertThat(json(get("/api/v1/stats")).get(0).get(StatsView.ACTION_TYPE).asText()).isEqualTo(TickAction.TYPE);
    }

    void awaitState(String jobId, String state) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            if (json(get("/api/v1/jobs/" + jobId)).get("state").asText().equals(state)) return;
            Thread.sleep(10);
        }
        throw new AssertionError("job " + jobId + " never " + state);
    }
}
