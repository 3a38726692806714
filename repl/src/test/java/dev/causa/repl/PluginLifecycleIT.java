package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin's life through the command line: install, run its action, disable, enable, uninstall,
 * reinstall. Its jobs stay listed with their action context all along, marked unresolved while the plugin is away,
 * and a job that was waiting runs once the plugin is back.
 */
class PluginLifecycleIT {

    static Path samplePlugin() {
        Path jar = Path.of(System.getProperty("causa.samplePlugin", "plugins/sample/target/causa-plugin-sample-0.1.0.jar"));
        assertThat(jar).as("the sample plugin jar, built by the reactor").isRegularFile();
        return jar;
    }

    static List<String> pluginFolder(Path home) throws IOException {
        if (!Files.isDirectory(home.resolve("plugins"))) return List.of();
        try (Stream<Path> files = Files.list(home.resolve("plugins"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    static List<String> actionTypes(Cli cli) {
        List<String> types = new ArrayList<>();
        cli.ok("action", "list", "--json").json().forEach(a -> types.add(a.get("type").asText()));
        return types;
    }

    private static JsonNode onlyJob(Cli cli, String actionId) {
        JsonNode jobs = cli.ok("job", "list", "--action", actionId, "--json").json();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    @Test
    void installRunDisableEnable(@TempDir Path tmp) throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        Path jar = samplePlugin();

        JsonNode installed = cli.ok("plugin", "install", jar.toString(), "--json").json();
        assertThat(installed.get("id").asText()).isEqualTo("sample");
        assertThat(installed.get("state").asText()).isEqualTo("started");
        assertThat(installed.get("builtin").asBoolean()).isFalse();
        assertThat(pluginFolder(cli.home())).containsExactly("sample-0.1.0.jar");
        assertThat(actionTypes(cli)).contains("sample.greet", "files.copy", "locations.add");

        JsonNode run = cli.ok("action", "run", "sample.greet", "{\"name\":\"Ann\",\"count\":2}", "--json").json();
        String firstAction = run.get("id").asText();
        JsonNode job = onlyJob(cli, firstAction);
        assertThat(job.get("state").asText()).isEqualTo("completed");
        assertThat(job.get("unresolved").asBoolean()).isFalse();
        assertThat(job.at("/action_context/context/greeting_for").asText()).isEqualTo("Ann");

        Cli.Result disabled = cli.ok("plugin", "disable", "sample");
        assertThat(disabled.out()).contains("plugin sample 0.1.0 disabled");
        assertThat(Files.readString(cli.home().resolve("plugins/disabled.txt"))).contains("sample");
        assertThat(actionTypes(cli)).doesNotContain("sample.greet").contains("files.copy");
        Cli.Result refused = cli.run("action", "run", "sample.greet", "{\"name\":\"Bob\"}");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("causa: unknown action type 'sample.greet'");
        assertThat(cli.ok("plugin", "info", "sample", "--json").json().get("state").asText()).isEqualTo("disabled");
        job = onlyJob(cli, firstAction);
        assertThat(job.get("unresolved").asBoolean()).isTrue();
        assertThat(job.at("/action_context/action_input/name").asText()).isEqualTo("Ann");
        assertThat(cli.ok("job", "info", job.get("id").asText(), "--json").json().at("/action_context/action_type")
                .asText()).isEqualTo("sample.greet");

        cli.ok("plugin", "enable", "sample");
        assertThat(actionTypes(cli)).contains("sample.greet");
        assertThat(onlyJob(cli, firstAction).get("unresolved").asBoolean()).isFalse();
    }

    @Test
    void uninstallThenReinstallAndTheWaitingJobRuns(@TempDir Path tmp) throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        Path jar = samplePlugin();
        cli.ok("plugin", "install", jar.toString());
        String firstAction = cli.ok("action", "run", "sample.greet", "{\"name\":\"Ann\",\"count\":1}", "--json")
                .json().get("id").asText();

        // A job queued but not run yet, then the plugin goes away: the job waits, listed and unresolved.
        JsonNode detached = cli.ok("action", "run", "sample.greet", "{\"name\":\"Cy\",\"count\":3}", "--detach",
                "--json").json();
        String waitingAction = detached.get("id").asText();
        String waitingJob = onlyJob(cli, waitingAction).get("id").asText();

        Cli.Result gone = cli.ok("plugin", "uninstall", "sample");
        assertThat(gone.out()).contains("plugin sample 0.1.0 uninstalled");
        assertThat(pluginFolder(cli.home())).noneMatch(f -> f.endsWith(".jar"));
        assertThat(cli.run("plugin", "info", "sample").exit()).isEqualTo(2);
        JsonNode waiting = onlyJob(cli, waitingAction);
        assertThat(onlyJob(cli, firstAction).get("unresolved").asBoolean()).isTrue();
        assertThat(waiting.get("state").asText()).isEqualTo("queued");
        assertThat(waiting.get("unresolved").asBoolean()).isTrue();
        assertThat(waiting.at("/action_context/context/greeting_for").asText()).isEqualTo("Cy");
        JsonNode runs = cli.ok("action", "list-runs", "--action-type", "sample.greet", "--json").json();
        assertThat(runs).hasSize(2);
        assertThat(runs.findValuesAsText("greeting_for")).containsExactlyInAnyOrder("Ann", "Cy");

        JsonNode again = cli.ok("plugin", "install", jar.toString(), "--json").json();
        assertThat(again.get("state").asText()).isEqualTo("started");
        cli.ok("job", "watch", waitingJob);
        JsonNode finished = cli.ok("job", "info", waitingJob, "--json").json();
        assertThat(finished.get("state").asText()).isEqualTo("completed");
        assertThat(finished.get("unresolved").asBoolean()).isFalse();
        assertThat(finished.at("/action_context/action_input/name").asText()).isEqualTo("Cy");
        assertThat(finished.get("message").asText()).isEqualTo("Writing greetings for Cy (3/3)");
        assertThat(onlyJob(cli, firstAction).get("state").asText()).isEqualTo("completed");
    }

    @Test
    void builtInPluginsCanBeDisabledButNotUninstalled(@TempDir Path tmp) {
        Cli cli = new Cli(tmp.resolve("home"));
        Cli.Result refused = cli.run("plugin", "uninstall", "files");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo(
                "causa: plugin files is built into causa and cannot be uninstalled; disable it instead: causa plugin disable files");
        assertThat(actionTypes(cli)).contains("files.copy");

        cli.ok("plugin", "disable", "files");
        assertThat(actionTypes(cli)).doesNotContain("files.copy").contains("locations.add");
        cli.ok("plugin", "enable", "files");
        assertThat(actionTypes(cli)).contains("files.copy");

        Cli.Result unknown = cli.run("plugin", "disable", "nosuch");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("causa: no plugin nosuch (see: causa plugin list)");
    }
}
