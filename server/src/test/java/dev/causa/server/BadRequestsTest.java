package dev.causa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, it gets a 4xx with a one-line JSON error, the CLI's message where the CLI has one, and
 * the server keeps serving.
 */
class BadRequestsTest extends Served {

    @Test
    void badInputIsAnsweredWithTheClisOneLineMessage() {
        assertError(post("/api/v1/actions/test.tick/runs", "{\"name\": "), 400, "bad_input",
                "invalid JSON input for test.tick");
        assertError(post("/api/v1/actions/test.tick/runs", "[1,2]"), 400, "bad_input", "must be a JSON object");
        assertError(post("/api/v1/actions/test.tick/runs", "{\"name\":\"x\",\"steps\":\"many\"}"), 400, "bad_input",
                "steps");
        assertError(post("/api/v1/actions/test.tick/runs", "{\"name\":\"x\",\"steps\":1,\"colour\":\"red\"}"), 400,
                "bad_input", "colour");
        assertError(post("/api/v1/actions/test.tick/runs", "{\"steps\":1}"), 400, "bad_input",
                "test.tick: name is required");
        assertError(post("/api/v1/actions/test.nope/runs", "{}"), 404, "not_found", "unknown action type 'test.nope'");
        assertThat(causa.actionRuns(null, 0)).isEmpty();
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String big = "{\"name\":\"" + "x".repeat(2 << 20) + "\",\"steps\":1}";
        assertError(post("/api/v1/actions/test.tick/runs", big), 413, "too_large", "1 MiB");
        // streamed without a length, too
        HttpResponse<String> chunked = send(request("/api/v1/actions/test.tick/runs").POST(
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build());
        assertError(chunked, 413, "too_large", "1 MiB");
        assertThat(causa.actionRuns(null, 0)).isEmpty();
        assertServing();
    }

    @Test
    void unknownRoutesMethodsIdsAndParametersAre4xxJson() {
        assertError(get("/api/v1/nothing"), 404, "not_found", "no such resource");
        assertError(get("/api/v2/jobs"), 404, "not_found", "no such resource");
        assertError(get("/favicon.ico"), 404, "not_found", "no such resource");
        assertError(send(request("/api/v1/status").DELETE().build()), 405, "method_not_allowed", "allowed: GET");
        assertError(post("/api/v1/jobs", "{}"), 405, "method_not_allowed", "allowed: GET");
        assertError(get("/api/v1/jobs/../../etc"), 404, "not_found", null);
        assertError(get("/api/v1/jobs/..%2F..%2Fetc%2Fpasswd"), 404, "not_found", null);
        assertError(get("/api/v1/jobs/%00"), 404, "not_found", null);
        assertError(get("/api/v1/jobs/0AQZ"), 404, "not_found", "no job 0AQZ");
        assertError(post("/api/v1/jobs/NOPE1234/pause", ""), 404, "not_found", "no job");
        assertError(get("/api/v1/action-runs/zzzzzzzzzzzzz"), 404, "not_found", "no action run");
        assertError(post("/api/v1/action-runs/zzzz/replay", "{}"), 404, "not_found", "no action run");
        assertError(get("/api/v1/actions/..%2Fx"), 404, "not_found", "unknown action type");
        assertError(get("/api/v1/jobs?cursor=not-a-cursor"), 400, "bad_input", "not a page cursor");
        assertError(get("/api/v1/jobs?cursor=%27%3B--"), 400, "bad_input", "not a page cursor");
        assertError(get("/api/v1/action-runs?cursor=../../etc"), 400, "bad_input", "not a page cursor");
        assertError(get("/api/v1/jobs?limit=-1"), 400, "bad_input", "limit");
        assertError(get("/api/v1/jobs?limit=99999999999"), 400, "bad_input", "limit");
        assertError(get("/api/v1/jobs?limit=ten"), 400, "bad_input", "limit");
        assertError(get("/api/v1/jobs?state=sleeping"), 400, "bad_input", "sleeping");
        assertError(get("/api/v1/jobs?state=running&state=paused"), 400, "bad_input", "twice");
        assertError(get("/api/v1/actions/test.tick/runs?detach=maybe"), 405, "method_not_allowed", null);
        assertError(post("/api/v1/actions/test.tick/runs?detach=maybe", "{}"), 400, "bad_input", "detach");
        assertError(get("/api/v1/events?job=nope"), 404, "not_found", "no job nope");
        assertServing();
    }

    @Test
    void malformedRequestsAreAnsweredOrDroppedAndTheServerGoesOn() throws Exception {
        String auth = "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
        // a URI that is not one is refused by the JDK's HTTP layer before routing: 400, its own short HTML body
        String[] badEscape = raw("GET /api/v1/jobs?q=%zz HTTP/1.1\r\nHost: x\r\n" + auth);
        assertThat(badEscape[0]).contains(" 400 ");
        String[] badPath = raw("GET /api/v1/jobs/%zz HTTP/1.1\r\nHost: x\r\n" + auth);
        assertThat(badPath[0]).contains(" 400 ");
        // a valid URI whose percent-encoding does not decode reaches the router: JSON
        String[] badUtf8 = raw("GET /api/v1/jobs?q=%C3%28 HTTP/1.1\r\nHost: x\r\n" + auth);
        assertThat(badUtf8[0]).contains(" 200 ");
        raw("HELLO\r\n\r\n");
        raw("GET /api/v1/status HTTP/1.1\r\nContent-Length: -5\r\n" + auth);
        String[] huge = raw("POST /api/v1/actions/test.tick/runs HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n"
                + auth);
        assertThat(huge[0]).contains(" 413 ");
        assertThat(huge[1]).contains("too_large");
        assertServing();
    }

    @Test
    void randomRequestsNeverBreakTheServer() {
        Random random = new Random(42);
        String[] paths = {"/api/v1/jobs/", "/api/v1/actions/", "/api/v1/action-runs/", "/api/v1/jobs?q=",
                "/api/v1/jobs?cursor=", "/api/v1/actions/test.tick/runs?x=", "/api/v1/"};
        String alphabet = "abcXYZ019./\\%_-{}[]\"':;,+=&?#~ \u00e9\u2603";
        for (int i = 0; i < 300; i++) {
            StringBuilder junk = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String path = paths[random.nextInt(paths.length)] + java.net.URLEncoder.encode(junk.toString(),
                    java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> r = random.nextBoolean() ? get(path) : post(path, junk.toString());
            assertThat(r.statusCode()).as(path + " -> " + r.body()).isBetween(200, 499);
            if (r.statusCode() >= 400) {
                JsonNode error = json(r);
                assertThat(error.get("error").asText()).as(path).isNotBlank().doesNotContain("\n");
            }
        }
        for (String body : new String[]{"", "null", "{}", "{\"name\":null}", "{\"name\":1,\"steps\":{}}",
                "{\"name\":\"x\",\"steps\":1e999}", "\u0000", "{\"name\":\"" + "\\u0000".repeat(5) + "\",\"steps\":-1}",
                "[".repeat(5000), "{\"a\":".repeat(3000)}) {
            HttpResponse<String> r = post("/api/v1/actions/test.tick/runs", body);
            assertThat(r.statusCode()).as(body).isIn(202, 400);
            if (r.statusCode() == 400) assertThat(json(r).get("kind").asText()).isEqualTo("bad_input");
        }
        assertServing();
    }

    void assertServing() {
        HttpResponse<String> status = get("/api/v1/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).has("workers")).isTrue();
    }

    static void assertError(HttpResponse<String> r, int status, String kind, String containing) {
        assertThat(r.statusCode()).as(r.uri() + " -> " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode error = json(r);
        assertThat(error.get("kind").asText()).isEqualTo(kind);
        String message = error.get("error").asText();
        assertThat(message).isNotBlank().doesNotContain("\n");
        if (containing != null) assertThat(message).contains(containing);
    }
}
