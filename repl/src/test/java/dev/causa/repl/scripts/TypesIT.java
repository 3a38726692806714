package dev.causa.repl.scripts;

import dev.causa.repl.Cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code causa types} writes declarations that the real TypeScript compiler accepts, and that catch a wrong
 * action input. TypeScript comes from npm into ~/.cache/causa-ts; without npm this test fails, it never skips.
 */
class TypesIT {

    private static final Path TS = Path.of(System.getProperty("user.home"), ".cache", "causa-ts");

    @TempDir
    Path dir;
    Cli causa;

    @BeforeEach
    void setUp() throws Exception {
        causa = new Cli(Files.createDirectories(dir.resolve("home")));
    }

    @Test
    void theDeclarationsTypeCheckTheExampleScriptAndCatchAWrongInput() throws Exception {
        Path types = dir.resolve("types");
        Cli.Result result = causa.run(Duration.ofSeconds(30), "types", "--out", types.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(types.resolve("causa.d.ts")).content().contains("interface FilesCopyInput", "\"files.copy\": FilesCopyInput");

        JsonNode schema = new ObjectMapper().readTree(types.resolve("schemas/files.copy.input.schema.json").toFile());
        assertThat(schema.path("properties").has("sources")).isTrue();
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();

        Path tsc = typescript();
        Path example = Cli.root().resolve("examples/scripts/copy-tree.mjs");
        Compile good = compile(tsc, types.resolve("causa.d.ts"), example);
        assertThat(good.exit).as(good.output).isZero();

        Path wrong = Files.writeString(dir.resolve("wrong.mjs"), """
                const run = await causa.actions.run('files.copy', { source: ['/tmp/a'], destination: '/tmp/b' });
                const state = run.jobs[0].state;
                if (state === 'finished') console.log(run.actionId);
                """);
        Compile bad = compile(tsc, types.resolve("causa.d.ts"), wrong);
        assertThat(bad.exit).as(bad.output).isNotZero();
        assertThat(bad.output).contains("'source' does not exist in type 'FilesCopyInput'").contains("'\"finished\"'");
    }

    private record Compile(int exit, String output) {
    }

    private Compile compile(Path tsc, Path declarations, Path script) throws Exception {
        return exec(List.of(tsc.toString(), "--noEmit", "--allowJs", "--checkJs", "--strict", "--target", "es2022",
                "--module", "es2022", "--moduleDetection", "force", "--pretty", "false",
                declarations.toString(), script.toString()), Duration.ofSeconds(60));
    }

    /** tsc from npm, installed once into the cache. */
    private static Path typescript() throws Exception {
        Path tsc = TS.resolve("node_modules/.bin/tsc");
        if (Files.isExecutable(tsc)) return tsc;
        Files.createDirectories(TS);
        Compile install;
        try {
            install = exec(List.of("npm", "install", "--prefix", TS.toString(), "--no-audit", "--no-fund",
                    "typescript@5"), Duration.ofSeconds(120));
        } catch (IOException e) {
            return fail("npm is needed to check the generated TypeScript (apt-get install npm): " + e.getMessage());
        }
        if (install.exit != 0 || !Files.isExecutable(tsc)) {
            return fail("could not install typescript with npm into " + TS + ":\n" + install.output);
        }
        return tsc;
    }

    private static Compile exec(List<String> command, Duration limit) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not end within " + limit);
        }
        return new Compile(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
