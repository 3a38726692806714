package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-shot command line of DESIGN §7, through the real launcher and the built-in files plugin jar. */
class OneShotIT {

    @TempDir
    Path tmp;
    Cli causa;
    Path source;

    @BeforeEach
    void setUp() throws Exception {
        causa = new Cli(tmp.resolve("home"));
        source = tmp.resolve("Documents");
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Path file = source.resolve("sub" + (i % 4)).resolve("file" + i + ".dat");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[10_000 + random.nextInt(200_000)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
    }

    @Test
    void filesCopyCopiesTheTreeAndTheJobListsWithItsFullActionContext() throws Exception {
        Path backup = tmp.resolve("backup");
        Cli.Result run = causa.run("action", "run", "files.copy",
                "{\"sources\":[\"" + source + "\"],\"destination\":\"" + backup + "\"}");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("files.copy started by cli:").contains("completed");
        assertSameTree(source, backup.resolve("Documents"));

        Cli.Result list = causa.run("job", "list", "--action-type", "files.copy", "--json");
        assertThat(list.exit()).as(list.toString()).isZero();
        JsonNode jobs = list.json();
        assertThat(jobs).hasSize(1);
        JsonNode job = jobs.get(0);
        assertThat(job.path("state").asText()).isEqualTo("completed");
        assertThat(job.path("job_type").asText()).isEqualTo("file_copy");
        JsonNode context = job.path("action_context");
        assertThat(context.path("action_type").asText()).isEqualTo("files.copy");
        assertThat(context.path("initiated_at").asText()).endsWith("Z");
        assertThat(context.path("initiated_by").asText()).startsWith("cli:");
        assertThat(context.path("action_input").path("destination").asText()).isEqualTo(backup.toString());
        assertThat(context.path("context").path("operation").asText()).isEqualTo("copy_files");
        assertThat(context.path("context").path("conflict_resolution").asText()).isEqualTo("skip");
        assertThat(job.path("message").asText()).isEqualTo("Copied 20 files (0 skipped) to " + backup);

        Cli.Result info = causa.run("job", "info", job.path("id").asText().substring(0, 11), "--json");
        assertThat(info.json().path("history")).hasSize(3);
        assertThat(causa.run("job", "list", "--action-type", "files.delete", "--json").json()).isEmpty();
    }

    @Test
    void keyValueInputWorksLikeJson() throws Exception {
        Path backup = tmp.resolve("kv");
        Cli.Result run = causa.run("action", "run", "files.copy", "sources=" + source, "destination=" + backup,
                "conflict=rename");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertSameTree(source, backup.resolve("Documents"));
    }

    @Test
    void badInputIsOneLineOnStderrAndCreatesNoJob() throws Exception {
        String missing = tmp.resolve("nowhere").toString();
        record Case(int exit, String message, String[] args) {
        }
        List<Case> cases = List.of(
                new Case(1, "causa: invalid JSON input for files.copy", new String[]{"action", "run", "files.copy", "{\"sources\":"}),
                new Case(1, "causa: unknown field 'colour' in the input of files.copy",
                        new String[]{"action", "run", "files.copy", "{\"sources\":[\"/tmp\"],\"destination\":\"/x\",\"colour\":1}"}),
                new Case(1, "causa: files.copy: sources: no such file or directory: " + missing,
                        new String[]{"action", "run", "files.copy", "{\"sources\":[\"" + missing + "\"],\"destination\":\"/x\"}"}),
                new Case(1, "causa: field 'conflict' of files.copy",
                        new String[]{"action", "run", "files.copy", "{\"sources\":[\"/tmp\"],\"destination\":\"/x\",\"conflict\":\"merge\"}"}),
                new Case(2, "causa: unknown action type 'files.copyy' (did you mean files.copy, files.delete, files.move?)",
                        new String[]{"action", "run", "files.copyy", "{}"}),
                new Case(2, "causa: no job 0000", new String[]{"job", "info", "0000"}),
                new Case(1, "causa: unknown state 'sleeping'", new String[]{"job", "list", "--state", "sleeping"}),
                new Case(1, "causa: Unknown option: '--colour'", new String[]{"job", "list", "--colour"}));
        for (Case c : cases) {
            Cli.Result result = causa.run(c.args());
            assertThat(result.exit()).as(result.toString()).isEqualTo(c.exit());
            assertThat(result.err()).as(result.toString()).startsWith(c.message());
            assertThat(result.err()).as("no stack trace").doesNotContain("\tat ");
            assertThat(result.out()).as(result.toString()).isEmpty();
        }
        assertThat(causa.run("job", "list", "--json").json()).isEmpty();
        assertThat(causa.run("action", "list-runs", "--json").json()).isEmpty();
    }

    @Test
    void aFailingJobKeepsItsRealErrorAndTheCommandSaysSo() throws Exception {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("dangling"), tmp.resolve("gone"));
        Cli.Result run = causa.run("action", "run", "files.copy",
                "{\"sources\":[\"" + dir.resolve("dangling") + "\"],\"destination\":\"" + tmp.resolve("out") + "\"}");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("failed: NoSuchFileException: " + dir.resolve("dangling"));
        JsonNode job = causa.run("job", "list", "--state", "failed", "--json").json().get(0);
        assertThat(job.path("error").path("message").asText()).isEqualTo("NoSuchFileException: " + dir.resolve("dangling"));
        assertThat(job.path("attempts").asInt()).as("files.copy retries up to 3 times").isEqualTo(3);
    }

    @Test
    void detachedRunsQueueAndJobWatchRunsThem() throws Exception {
        Path backup = tmp.resolve("later");
        Cli.Result queued = causa.run("action", "run", "files.copy", "--detach",
                "{\"sources\":[\"" + source + "\"],\"destination\":\"" + backup + "\"}");
        assertThat(queued.exit()).as(queued.toString()).isZero();
        assertThat(causa.run("job", "list", "--state", "queued", "--json").json()).hasSize(1);

        Cli.Result watch = causa.run("job", "watch");
        assertThat(watch.exit()).as(watch.toString()).isZero();
        assertThat(watch.out()).contains("all watched jobs have ended");
        assertSameTree(source, backup.resolve("Documents"));
        assertThat(causa.run("action", "list-runs", "--json").json().get(0).path("status").asText())
                .isEqualTo("completed");
    }

    static void assertSameTree(Path expected, Path actual) throws Exception {
        List<Path> want;
        try (Stream<Path> walk = Files.walk(expected)) {
            want = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
        }
        List<Path> got;
        try (Stream<Path> walk = Files.walk(actual)) {
            got = walk.filter(Files::isRegularFile).map(actual::relativize).sorted().toList();
        }
        assertThat(got).containsExactlyElementsOf(want);
        for (Path rel : want) {
            assertThat(Files.mismatch(expected.resolve(rel), actual.resolve(rel))).as(rel.toString()).isEqualTo(-1);
        }
    }
}
