package dev.causa.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real engine (MapDB in a temporary home, workers running) served on a free loopback port, and a client. */
abstract class Served {

    @TempDir
    Path home;
    Causa causa;
    CausaServer server;
    HttpClient http;
    String token;

    @BeforeEach
    void serve() throws IOException {
        causa = Causa.open(new Causa.Options(home, List.of(), 2,
                List.of(new TickAction(), new TickAction.Context(), new TickJob())));
        causa.startWorkers();
        Tokens tokens = Tokens.of(home);
        token = tokens.token();
        server = CausaServer.start(causa, new InetSocketAddress("127.0.0.1", 0), tokens, "api:test");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (causa != null) causa.close();
        if (http != null) http.close();
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request " + request + " failed: " + e, e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Sends bytes as they are (requests HttpClient refuses to make); returns the status line and the body. */
    String[] raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            var received = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (java.net.SocketTimeoutException e) {
                // the server answered but keeps the connection (it waits for a body that never comes)
            }
            String response = received.toString(java.nio.charset.StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            return new String[]{response.lines().findFirst().orElse(""), end < 0 ? "" : response.substring(end + 4)};
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Starts test.tick and returns its action id. */
    String tick(String name, int jobs, int steps, int stepMillis) {
        HttpResponse<String> r = post("/api/v1/actions/test.tick/runs", "{\"name\":\"" + name + "\",\"jobs\":" + jobs
                + ",\"steps\":" + steps + ",\"step_millis\":" + stepMillis + "}");
        if (r.statusCode() != 202) throw new AssertionError(r.statusCode() + " " + r.body());
        return json(r).get("action_id").asText();
    }

    /** Waits for an action run to finish. */
    JsonNode awaitRun(String actionId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            JsonNode run = json(get("/api/v1/action-runs/" + actionId));
            if (!run.get("status").asText().equals("running")) return run;
            Thread.sleep(20);
        }
        throw new AssertionError("action " + actionId + " did not finish");
    }
}
