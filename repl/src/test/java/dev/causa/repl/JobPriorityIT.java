package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's priority shows in {@code job info} (text and JSON) and in {@code job list --json}. */
class JobPriorityIT {

    @TempDir
    Path tmp;

    @Test
    void jobInfoAndListShowThePriority() throws Exception {
        Files.createDirectories(tmp.resolve("src"));
        Cli cli = new Cli(tmp.resolve("home"));
        JsonNode run = cli.run("action", "run", "files.copy", "--detach", "--json", "sources=" + tmp.resolve("src"),
                "destination=" + tmp.resolve("dst")).json();
        String id = run.path("jobs").get(0).path("id").asText();
        assertThat(run.path("jobs").get(0).path("priority").isInt()).isTrue();

        Cli.Result info = cli.run("job", "info", id);
        assertThat(info.exit()).isZero();
        assertThat(info.out()).containsPattern("(?m)^priority: +0$");
        assertThat(cli.run("job", "info", id, "--json").json().path("priority").asInt(-1)).isZero();
        JsonNode listed = cli.run("job", "list", "--json").json().get(0);
        assertThat(listed.path("priority").asInt(-1)).isZero();
        // the default priority everywhere: no column for it in the table
        assertThat(cli.run("job", "list").out()).doesNotContain("PRI");
    }
}
