package dev.causa.repl.scripts;

import dev.causa.repl.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real scripts through the real launcher: the API a script author uses, end to end. */
class ScriptRunIT {

    @TempDir
    Path dir;
    Cli causa;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        causa = new Cli(Files.createDirectories(dir.resolve("home")));
    }

    /** A tree of several files of a few MB each, so the copy reports progress as it goes. */
    private Path tree() throws Exception {
        Path source = Files.createDirectories(dir.resolve("photos/2026/summer"));
        Random random = new Random(7);
        byte[] block = new byte[3 * 1024 * 1024];
        for (int i = 0; i < 6; i++) {
            random.nextBytes(block);
            Files.write((i % 2 == 0 ? source : source.getParent()).resolve("img" + i + ".raw"), block);
        }
        return dir.resolve("photos");
    }

    @Test
    void aScriptCopiesATreeFollowsProgressReadsTheActionContextListsByTypeAndReplays() throws Exception {
        Path source = tree();
        Path destination = Files.createDirectories(dir.resolve("backup"));
        Path script = Cli.root().resolve("examples/scripts/copy-tree.mjs");

        Cli.Result result = causa.run(Duration.ofSeconds(60), "script", "run", script.toString(),
                source.toString(), destination.toString());

        assertThat(result.exit()).as(result.toString()).isZero();
        String[] lines = result.out().strip().split("\n");
        JsonNode summary = json.readTree(lines[lines.length - 1]);
        assertThat(summary.path("status").asText()).isEqualTo("completed");
        assertThat(summary.path("jobStates").toString()).isEqualTo("[\"completed\"]");
        JsonNode context = summary.path("actionContext");
        assertThat(context.path("action_type").asText()).isEqualTo("files.copy");
        assertThat(context.path("initiated_by").asText()).isEqualTo("script:copy-tree.mjs");
        assertThat(context.path("initiated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(context.path("action_input").path("sources").get(0).asText()).isEqualTo(source.toString());
        assertThat(context.path("context").isObject()).isTrue();
        assertThat(summary.path("listedByType")).hasSize(1);  // listed before the replay started
        assertThat(summary.path("progressCalls").asInt()).isPositive();
        assertThat(result.out()).contains("Cop");
        JsonNode replay = summary.path("replay");
        assertThat(replay.path("status").asText()).isEqualTo("completed");
        assertThat(replay.path("actionId").asText()).isNotEqualTo(summary.path("actionId").asText());
        assertThat(replay.path("input")).isEqualTo(context.path("action_input"));
        assertThat(destination.resolve("photos/2026/summer/img0.raw")).hasSize(3 * 1024 * 1024);

        // what the script did is in the store, seen by the one-shot commands too
        Cli.Result jobs = causa.run(Duration.ofSeconds(30), "job", "list", "--action-type", "files.copy", "--json");
        assertThat(jobs.exit()).as(jobs.toString()).isZero();
        JsonNode listed = json.readTree(jobs.out());
        assertThat(listed).hasSize(2);
        assertThat(listed.findValuesAsText("initiated_by")).containsOnly("script:copy-tree.mjs");
    }

    @Test
    void jsEvaluatesAgainstTheEngineAsTheCliUser() throws Exception {
        Path source = tree();
        Cli.Result result = causa.run(Duration.ofSeconds(60), "js",
                "const run = await causa.actions.run('files.copy', {sources: ['" + source + "'], destination: '"
                        + dir.resolve("out") + "'}); const done = await run.done; "
                        + "return {status: done.status, by: run.jobs[0].actionContext.initiated_by};");
        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode value = json.readTree(result.out());
        assertThat(value.path("status").asText()).isEqualTo("completed");
        assertThat(value.path("by").asText()).isEqualTo("cli:" + System.getProperty("user.name"));
    }

    @Test
    void scriptsRunOnTheOptimizingRuntimeThroughTheLauncher() throws Exception {
        Cli.Result result = causa.run(Duration.ofSeconds(30), "js", "causa.runtime");
        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode runtime = json.readTree(result.out());
        assertThat(runtime.path("optimizing").asBoolean()).as(result.out()).isTrue();
        assertThat(runtime.path("implementation").asText()).isNotEqualToIgnoringCase("Interpreted");
        assertThat(result.err()).isEmpty();

        // the compiler is on the upgrade module path only: on the class path as well, the JVM would not start
        Path dist = Path.of(System.getProperty("causa.dist", Cli.root().resolve("repl/target/causa").toString()));
        try (var jvmci = Files.list(dist.resolve("jvmci")); var lib = Files.list(dist.resolve("lib"))) {
            assertThat(jvmci.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "compiler-25.0.3.jar", "truffle-compiler-25.0.3.jar", "collections-25.0.3.jar", "word-25.0.3.jar");
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .contains("polyglot-25.0.3.jar", "js-language-25.0.3.jar")
                    .noneMatch(name -> name.matches("(compiler|truffle-compiler|collections|word)-.*"));
        }
    }

    @Test
    void aRunawayScriptIsStoppedByItsTimeLimit() throws Exception {
        Path script = Files.writeString(dir.resolve("spin.js"), "console.log('spinning');\nwhile (true) {}\n");
        Cli.Result result = causa.run(Duration.ofSeconds(30), "script", "run", script.toString(),
                "--timeout", "2");
        assertThat(result.exit()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).contains("spinning");
        assertThat(result.err()).contains("time limit of 2 s");
        assertThat(result.took()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void anUncaughtErrorShowsFileLineColumnAndTheJavaScriptStackOnly() throws Exception {
        Path script = Files.writeString(dir.resolve("broken.mjs"), """
                function check(value) {
                  if (!value) throw new TypeError('no value given');
                }
                check(causa.args[0]);
                """);
        Cli.Result result = causa.run(Duration.ofSeconds(30), "script", "run", script.toString());
        assertThat(result.exit()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).startsWith("causa: broken.mjs:2:").contains("TypeError: no value given")
                .contains("at check (broken.mjs:2:").contains("broken.mjs:4:")
                .doesNotContain("at java.", "at org.graalvm", "at dev.causa", "Exception");
    }
}
