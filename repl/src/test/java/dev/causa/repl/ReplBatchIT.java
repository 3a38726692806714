package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell with piped stdin: a batch of commands, plain output, errors on stderr, and it goes on. */
class ReplBatchIT {

    @TempDir
    Path tmp;

    @Test
    void pipedCommandsRunInOrderWithPlainOutputOnly() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(tmp.resolve("src"));
        Files.writeString(tmp.resolve("src/a.txt"), "a");
        String input = String.join("\n",
                "# a comment line is skipped",
                "action list",
                "job info no-such-job",
                "action run files.copy {\"sources\": [\"" + tmp.resolve("src") + "\"],",
                "   \"destination\": \"" + tmp.resolve("dst") + "\"}",
                "job list",
                "status",
                "exit", "") ;
        Cli.Result result = new Cli(home).runWithInput(input);

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("\u001b").doesNotContain("causa>");
        assertThat(result.out()).containsPattern("files\\.copy +files +Copy files");
        assertThat(result.out()).containsPattern("action \\S+ completed in");
        assertThat(result.out()).containsPattern("file_copy +completed +files\\.copy +repl:");
        assertThat(result.out()).containsPattern("workers: +\\d+ running");
        assertThat(result.err()).contains("causa: no job no-such-job");
        assertThat(Files.readString(tmp.resolve("dst/src/a.txt"))).isEqualTo("a");
        // the listing after the error ran: the shell went on
        assertThat(result.out().indexOf("JOB ")).isGreaterThan(result.out().indexOf("completed in"));
    }

    @Test
    void endOfInputLeavesWithTheLastCommandsCode() throws Exception {
        Cli.Result result = new Cli(tmp.resolve("home")).runWithInput("status\njob info nope\n");
        assertThat(result.exit()).isEqualTo(2);
        // the first command already sees the shell's workers running
        assertThat(result.out()).containsPattern("workers: +\\d+ running").doesNotContain("\u001b");
        assertThat(result.err()).contains("causa: no job nope");
    }
}
