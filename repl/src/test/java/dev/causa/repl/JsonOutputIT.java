package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every listing and info command with {@code --json}, one-shot: stdout is JSON and only JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private Path home;
    private JsonNode run;

    @BeforeAll
    void oneCompletedCopy() throws Exception {
        home = tmp.resolve("home");
        Files.createDirectories(tmp.resolve("src"));
        Files.writeString(tmp.resolve("src/a.txt"), "a");
        run = json("action", "run", "files.copy", "--json", "sources=" + tmp.resolve("src"),
                "destination=" + tmp.resolve("dst"));
        assertThat(run.path("status").asText()).isEqualTo("completed");
    }

    private JsonNode json(String... args) throws Exception {
        Cli.Result result = new Cli(home).run(args);
        assertThat(result.exit()).as(String.join(" ", args) + ": " + result.err()).isZero();
        return JSON.readTree(result.out());
    }

    @Test
    void actionList() throws Exception {
        JsonNode actions = json("action", "list", "--json");
        assertThat(actions.isArray()).isTrue();
        assertThat(actions.findValuesAsText("type")).contains("files.copy", "files.move", "files.delete");
        assertThat(actions.get(0).path("plugin").asText()).isEqualTo("files");
    }

    @Test
    void actionInfo() throws Exception {
        JsonNode info = json("action", "info", "files.copy", "--json");
        assertThat(info.path("type").asText()).isEqualTo("files.copy");
        assertThat(info.path("plugin_id").asText()).isEqualTo("files");
        assertThat(info.path("input_schema").path("properties").path("conflict").path("enum").toString())
                .contains("skip", "overwrite", "rename");
    }

    @Test
    void actionListRuns() throws Exception {
        JsonNode runs = json("action", "list-runs", "--json");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("id").asText()).isEqualTo(run.path("id").asText());
        assertThat(runs.get(0).path("initiated_by").asText()).startsWith("cli:");
        assertThat(runs.get(0).path("action_input").path("destination").asText()).isEqualTo(tmp.resolve("dst").toString());
    }

    @Test
    void jobList() throws Exception {
        JsonNode jobs = json("job", "list", "--json");
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).path("state").asText()).isEqualTo("completed");
        assertThat(jobs.get(0).path("action_context").path("action_type").asText()).isEqualTo("files.copy");
        assertThat(json("job", "list", "--state", "failed", "--json")).isEmpty();
    }

    @Test
    void jobInfo() throws Exception {
        String id = run.path("jobs").get(0).path("id").asText();
        JsonNode job = json("job", "info", id.substring(0, id.length() - 4), "--json");
        assertThat(job.path("id").asText()).isEqualTo(id);
        assertThat(job.path("history").findValuesAsText("state")).contains("queued", "running", "completed");
        assertThat(job.path("action_context").path("context").isObject()).isTrue();
    }

    @Test
    void pluginList() throws Exception {
        JsonNode plugins = json("plugin", "list", "--json");
        assertThat(plugins.findValuesAsText("id")).contains("files");
        assertThat(plugins.get(0).path("actions").toString()).contains("files.copy");
        assertThat(plugins.get(0).path("state").asText()).isEqualTo("started");
    }

    @Test
    void status() throws Exception {
        JsonNode status = json("status", "--json");
        assertThat(status.path("workers").isInt()).isTrue();
        assertThat(status.path("jobs_by_state").path("completed").asInt()).isEqualTo(1);
        assertThat(status.path("home").asText()).isEqualTo(home.toAbsolutePath().toString());
        assertThat(status.path("action_types").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void stats() throws Exception {
        JsonNode stats = json("stats", "--json");
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).path("action_type").asText()).isEqualTo("files.copy");
        assertThat(stats.get(0).path("completed").asInt()).isEqualTo(1);
        assertThat(stats.get(0).path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(stats.get(0).path("p50_ms").asLong()).isGreaterThanOrEqualTo(0);
    }
}
