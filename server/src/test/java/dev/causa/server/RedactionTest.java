package dev.causa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.store.JobQuery;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A secret given in an action's input appears in no answer of the API and in no event it streams. */
class RedactionTest extends Served {

    static final String PASSWORD = "hunter2-pass-5ecret";
    static final String TOKEN = "tok-5ecret-0042";

    @Test
    void secretsInAnActionInputAreInNoResponseAndNoEvent() throws Exception {
        List<String> seen = new ArrayList<>();
        String actionId;
        try (SseReader sse = new SseReader(http, request("/api/v1/events").GET().build())) {
            HttpResponse<String> started = post("/api/v1/actions/test.tick/runs", "{\"name\":\"secretive\",\"steps\":20,"
                    + "\"step_millis\":5,\"password\":\"" + PASSWORD + "\",\"api_token\":\"" + TOKEN + "\"}");
            assertThat(started.statusCode()).isEqualTo(202);
            seen.add(started.body());
            actionId = json(started).get("action_id").asText();
            awaitRun(actionId);
            sse.count("action.completed", 1, 30);
            seen.add(sse.text());
            assertThat(sse.text()).contains("job.progress").contains("[redacted]");
        }
        String jobId = causa.jobs(JobQuery.ofAction(actionId)).getFirst().id;
        for (String path : List.of("/api/v1/action-runs", "/api/v1/action-runs/" + actionId, "/api/v1/jobs",
                "/api/v1/jobs/" + jobId, "/api/v1/jobs?q=secretive", "/api/v1/status", "/api/v1/stats")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            seen.add(r.body());
        }
        // a secret cannot be searched for: what is stored is redacted
        assertThat(json(get("/api/v1/jobs?q=" + PASSWORD)).get("items")).isEmpty();

        HttpResponse<String> replay = post("/api/v1/action-runs/" + actionId + "/replay", "");
        assertThat(replay.statusCode()).isEqualTo(400); // the redacted fields must be given again
        seen.add(replay.body());
        HttpResponse<String> refused = post("/api/v1/actions/test.tick/runs", "{\"name\":\"x\",\"steps\":-1,"
                + "\"password\":\"" + PASSWORD + "\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        seen.add(refused.body());
        HttpResponse<String> badType = post("/api/v1/actions/test.tick/runs", "{\"name\":\"x\",\"steps\":1,"
                + "\"password\":{\"nested\":\"" + PASSWORD + "\"}}");
        seen.add(badType.body());

        assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD).doesNotContain(TOKEN));
    }
}
