package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code causa serve} end to end, through the launcher and the real curl: no token, no answer; with it, the jobs; a
 * live progress event; SIGTERM pauses the running copy and exits 0; the next {@code causa serve} finishes it.
 */
class ServeIT {

    @TempDir
    Path tmp;

    @Test
    void serveAnswersWithTheTokenStreamsProgressAndSigtermPausesWhatTheNextServeResumes() throws Exception {
        Path home = tmp.resolve("home");
        Path source = Cli.manyFiles(tmp.resolve("many"), 3_000);
        Cli cli = new Cli(home);
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Process serve = startServe(cli, port, "1");
        String token;
        try {
            String banner = awaitOutput(tmp.resolve("serve1.out"), "open ", Duration.ofSeconds(90));
            assertThat(banner).contains("serving on " + base + " (token in " + home.resolve("serve.token") + ")");
            token = Files.readString(home.resolve("serve.token")).strip();
            assertThat(banner).contains(base + "/?token=" + token);

            Curl noToken = curl("-s", "-w", "\n%{http_code}", base + "/api/v1/jobs");
            assertThat(noToken.lastLine()).isEqualTo("401");
            assertThat(noToken.out()).contains("\"kind\":\"unauthorized\"");
            Curl jobs = curl("-s", "-H", "Authorization: Bearer " + token, base + "/api/v1/jobs");
            assertThat(Json.parse(jobs.out()).get("items")).isEmpty();

            // an SSE client, then three copies on one worker: the first runs while the others wait
            Process events = new ProcessBuilder("curl", "-s", "-N", "-H", "Authorization: Bearer " + token,
                    base + "/api/v1/events?action_type=files.copy").redirectErrorStream(true).start();
            try {
                Thread.sleep(500); // curl connects (events before that would only be missed by the watcher)
                for (int i = 1; i <= 3; i++) {
                    Curl run = curl("-s", "-X", "POST", "-H", "Authorization: Bearer " + token,
                            "--data-binary", "{\"sources\":[\"" + source + "\"],\"destination\":\"" + tmp.resolve("copy" + i)
                                    + "\"}", base + "/api/v1/actions/files.copy/runs?detach");
                    assertThat(Json.parse(run.out()).get("job_ids")).as(run.out()).hasSize(1);
                }
                JsonNode progress = awaitProgress(events);
                assertThat(progress.get("job_type").asText()).isEqualTo("file_copy");
                assertThat(progress.get("message").asText()).contains("files to " + tmp.resolve("copy1"));
                assertThat(progress.path("metadata").path("action_context").path("action_type").asText())
                        .isEqualTo("files.copy");
                serve.destroy(); // SIGTERM, at once: the first copy is running
            } finally {
                events.destroy();
            }
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(Files.readString(tmp.resolve("serve1.err"))).isZero();
            assertThat(Files.readString(tmp.resolve("serve1.out"))).contains("stopped");
        } finally {
            serve.destroyForcibly();
        }

        JsonNode left = cli.ok("job", "list", "--json").json();
        List<String> states = left.findValuesAsText("state");
        assertThat(states).hasSize(3).doesNotContain("failed", "running").contains("paused");

        Process again = startServe(cli, port, "2");
        try {
            awaitOutput(tmp.resolve("serve2.out"), "open ", Duration.ofSeconds(90));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            JsonNode items = null;
            while (System.nanoTime() < until) {
                items = Json.parse(curl("-s", "-H", "Authorization: Bearer " + token, base + "/api/v1/jobs").out())
                        .get("items");
                if (items.findValuesAsText("state").stream().allMatch("completed"::equals)) break;
                Thread.sleep(200);
            }
            assertThat(items.findValuesAsText("state")).containsExactly("completed", "completed", "completed");
            again.destroy();
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isZero();
        } finally {
            again.destroyForcibly();
        }
        for (int i = 1; i <= 3; i++) {
            try (var copied = Files.list(tmp.resolve("copy" + i).resolve("many"))) {
                assertThat(copied.count()).isEqualTo(3_000);
            }
        }
    }

    private Process startServe(Cli cli, int port, String n) throws IOException {
        return cli.start(tmp.resolve("serve" + n + ".out"), tmp.resolve("serve" + n + ".err"),
                Map.of("CAUSA_WORKERS", "1"), "serve", "--listen", "127.0.0.1:" + port);
    }

    /** Reads the event stream until a job.progress event and returns its data. */
    private static JsonNode awaitProgress(Process events) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean progress = false;
        for (String line; System.nanoTime() < until && (line = reader.readLine()) != null; ) {
            if (line.equals("event: job.progress")) progress = true;
            else if (progress && line.startsWith("data: ")) return Json.parse(line.substring(6));
        }
        throw new AssertionError("no job.progress event");
    }

    private static String awaitOutput(Path file, String text, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            String out = Files.exists(file) ? Files.readString(file) : "";
            if (out.contains(text)) {
                Thread.sleep(100); // the rest of the line
                return Files.readString(file);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("causa serve printed no '" + text + "' within " + limit + ": "
                + (Files.exists(file) ? Files.readString(file) : ""));
    }

    record Curl(String out) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Curl curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--max-time", "30"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(40, TimeUnit.SECONDS)).isTrue();
        return new Curl(out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
