package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion from the picocli declarations, without an engine (dynamic candidates need the REPL's engine). */
class CommandCompleterTest {

    private final Session session = new Session(Session.Mode.REPL, new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), false);
    private final CommandCompleter completer = new CommandCompleter(Main.commandLine(session), session);

    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, LineParser.split(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void commandsAndSubCommands() {
        assertThat(complete("")).contains("action", "job", "plugin", "status", "stats", "help");
        assertThat(complete("job ")).contains("list", "info", "pause", "resume", "cancel", "retry", "watch");
        assertThat(complete("help ")).contains("action", "job");
    }

    @Test
    void optionsAndTheirDeclaredValues() {
        assertThat(complete("job list --")).contains("--state", "--action-type", "--json", "--limit", "--help");
        assertThat(complete("job list --state ")).containsExactly("queued", "running", "paused", "completed",
                "failed", "cancelled");
        assertThat(complete("job list --state failed --json ")).isEmpty(); // list takes no positional
    }

    @Test
    void pathsForFileArguments(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThat(complete("status --home " + dir + "/")).containsExactlyInAnyOrder(dir + "/data/",
                dir + "/notes.txt");
        assertThat(complete("status --home " + dir + "/da")).containsExactly(dir + "/data/");
    }
}
