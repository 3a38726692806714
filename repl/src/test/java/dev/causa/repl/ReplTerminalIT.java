package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell on a real terminal (tmux): what a user sees and types. */
class ReplTerminalIT {

    private static final Pattern STATUS_PROGRESS =
            Pattern.compile("files\\.copy +\\d+\\.\\d% Copying files to .* \\(\\d+/\\d+\\)");
    private static final Pattern WATCH_PROGRESS = Pattern.compile("\\[#*\\.*\\] +\\d+\\.\\d% Copying files");

    @TempDir
    Path tmp;

    private String startRepl(Tmux tmux, Path home) throws Exception {
        return startRepl(tmux, "", home);
    }

    private String startRepl(Tmux tmux, String environment, Path home) throws Exception {
        tmux.clear(); // an earlier prompt must not count
        tmux.line((environment.isEmpty() ? "" : "env " + environment + " ") + Cli.launcher() + " --home " + home);
        return tmux.waitFor("the prompt", s -> s.contains("causa>"), Duration.ofSeconds(20));
    }

    @Test
    void tabCompletesCommandsActionTypesAndJobIdsNewestFirst() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a/x.txt"), "x");
        // two queued jobs, made by one-shot commands that do not run them
        String older = queuedJob(home, tmp.resolve("a"), tmp.resolve("b1"));
        String newer = queuedJob(home, tmp.resolve("a"), tmp.resolve("b2"));
        try (Tmux tmux = new Tmux()) {
            startRepl(tmux, home);

            tmux.type("jo");
            tmux.keys("Tab");
            tmux.waitFor("'job' completed", s -> lineWithCursor(tmux).equals("causa> job "), Duration.ofSeconds(5));
            tmux.type("wa");
            tmux.keys("Tab");
            tmux.waitFor("'watch' completed", s -> lineWithCursor(tmux).equals("causa> job watch "),
                    Duration.ofSeconds(5));
            tmux.keys("C-u");

            tmux.type("action run files.c");
            tmux.keys("Tab");
            tmux.waitFor("action type completed",
                    s -> lineWithCursor(tmux).equals("causa> action run files.copy "), Duration.ofSeconds(5));
            tmux.type("dest");
            tmux.keys("Tab");
            tmux.waitFor("input field completed",
                    s -> lineWithCursor(tmux).equals("causa> action run files.copy destination="),
                    Duration.ofSeconds(5));
            tmux.keys("C-u");

            int common = 0;
            while (older.charAt(common) == newer.charAt(common)) common++;
            int differ = common;
            tmux.type("job info ");
            tmux.keys("Tab");
            tmux.waitFor("the common prefix of the job ids inserted",
                    s -> lineWithCursor(tmux).equals("causa> job info " + newer.substring(0, differ)),
                    Duration.ofSeconds(5));
            tmux.keys("Tab");
            String listed = tmux.waitFor("both job ids listed under the prompt",
                    s -> belowPrompt(s).contains(older) && belowPrompt(s).contains(newer), Duration.ofSeconds(5));
            assertThat(belowPrompt(listed).indexOf(newer)).as("newest first")
                    .isLessThan(belowPrompt(listed).indexOf(older));
            tmux.keys("C-u");
            tmux.waitFor("an empty prompt", s -> lineWithCursor(tmux).equals("causa> "), Duration.ofSeconds(5));
            tmux.type("job info " + newer.substring(0, differ + 1));
            tmux.keys("Tab");
            tmux.waitFor("job id completed", s -> lineWithCursor(tmux).equals("causa> job info " + newer + " "),
                    Duration.ofSeconds(5));
            tmux.keys("Enter");
            tmux.waitFor("job info shown", s -> s.contains("job " + newer) && s.contains("history:"),
                    Duration.ofSeconds(10));
            assertThat(tmux.screenWithEscapes()).as("colours on a terminal").contains("\u001b[1mjob " + newer);
            tmux.line("exit");
            tmux.waitFor("the shell again", s -> s.strip().endsWith("$"), Duration.ofSeconds(15));
        }
    }

    @Test
    void runningCopyShowsProgressCtrlCStopsWatchingAndExitPausesIt() throws Exception {
        Path home = tmp.resolve("home");
        Path source = Cli.manyFiles(tmp.resolve("many"), 20_000);
        try (Tmux tmux = new Tmux()) {
            // one worker and two copies: the second waits for the first, so work is left at exit on a fast machine too
            startRepl(tmux, "CAUSA_WORKERS=1", home);
            queueTwoCopies(tmux, source);
            tmux.waitFor("status line with progress", s -> STATUS_PROGRESS.matcher(lastLine(s)).find(),
                    Duration.ofSeconds(15));

            tmux.line("job watch");
            tmux.waitFor("watching 2 job(s)");
            tmux.waitFor("live progress of the watched job", s -> WATCH_PROGRESS.matcher(s).find(),
                    Duration.ofSeconds(10));
            tmux.keys("C-c");
            tmux.waitFor("stopped following; the jobs keep running");
            tmux.waitFor("a prompt after the interrupted watch", s -> lineWithCursor(tmux).equals("causa> "),
                    Duration.ofSeconds(5));

            tmux.line("status");
            tmux.waitFor("the shell still runs commands", s -> s.contains("workers:  1 running"),
                    Duration.ofSeconds(10));
            tmux.line("exit");
            String end = tmux.waitFor("the exit notice and the shell", s -> s.strip().endsWith("$")
                    && s.contains("pausing 2 unfinished job(s) at a checkpoint; they resume the next time"),
                    Duration.ofSeconds(20));
            assertThat(lastLine(end)).doesNotContain("files.copy"); // the status line is gone
        }
        Cli.Result list = new Cli(home).run("job", "list", "--json");
        JsonNode jobs = new ObjectMapper().readTree(list.out());
        assertThat(jobs.findValuesAsText("state")).containsExactlyInAnyOrder("queued", "paused");
        assertThat(jobs.get(0).path("action_context").path("initiated_by").asText()).startsWith("repl:");
    }

    @Test
    void jobsLeftByAnExitResumeWhenTheShellStartsAgain() throws Exception {
        Path home = tmp.resolve("home");
        Path source = Cli.manyFiles(tmp.resolve("some"), 3_000);
        try (Tmux tmux = new Tmux()) {
            startRepl(tmux, "CAUSA_WORKERS=1", home);
            queueTwoCopies(tmux, source);
            tmux.line("exit");
            tmux.waitFor("the exit notice", s -> s.contains("unfinished job(s) at a checkpoint"), Duration.ofSeconds(20));
            tmux.waitFor("the shell again", s -> s.strip().endsWith("$"), Duration.ofSeconds(15));

            startRepl(tmux, home);
            tmux.waitFor("the resume notice", s -> s.contains("unfinished job(s) of an earlier session"),
                    Duration.ofSeconds(10));
            tmux.waitFor("both copies announced as completed above the prompt",
                    s -> s.split("files.copy completed: Copied 3000 files", -1).length == 3, Duration.ofSeconds(20));
            tmux.line("exit");
            tmux.waitFor("the shell again", s -> s.strip().endsWith("$"), Duration.ofSeconds(15));
        }
        try (var copied = Files.list(tmp.resolve("copy2/some"))) {
            assertThat(copied.count()).isEqualTo(3_000);
        }
    }

    @Test
    void multiLineJsonRunsAndHistoryOutlivesTheSession() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(tmp.resolve("src"));
        Files.writeString(tmp.resolve("src/a.txt"), "a");
        try (Tmux tmux = new Tmux()) {
            startRepl(tmux, home);
            tmux.line("action run files.copy {\"sources\": [\"" + tmp.resolve("src") + "\"],");
            tmux.waitFor("a continuation prompt", s -> lineWithCursor(tmux).startsWith("}> "), Duration.ofSeconds(5));
            tmux.line("  \"destination\": \"" + tmp.resolve("dst") + "\"}");
            tmux.waitFor("the action completed", s -> Pattern.compile("action \\S+ completed in").matcher(s).find(),
                    Duration.ofSeconds(15));
            assertThat(Files.readString(tmp.resolve("dst/src/a.txt"))).isEqualTo("a");
            tmux.keys("C-d");
            tmux.waitFor("the shell again", s -> s.strip().endsWith("$"), Duration.ofSeconds(15));

            startRepl(tmux, home);
            tmux.keys("Up");
            tmux.waitFor("the last command from the history", s -> s.contains("\"destination\": \""),
                    Duration.ofSeconds(5));
            tmux.keys("C-u", "C-c");
            tmux.waitFor("an empty prompt", s -> lineWithCursor(tmux).equals("causa> "), Duration.ofSeconds(5));
            tmux.line("exit");
            tmux.waitFor("the shell again", s -> s.strip().endsWith("$"), Duration.ofSeconds(15));
        }
        assertThat(Files.readString(home.resolve("history"))).contains("action run files.copy");
    }

    @Test
    void outputTallerThanTheScreenGoesThroughThePager() throws Exception {
        try (Tmux tmux = new Tmux(100, 20)) {
            startRepl(tmux, tmp.resolve("home"));
            tmux.line("help");
            tmux.waitFor("the pager", s -> lastLine(s).startsWith("causa (q quits)") && s.contains("Usage: causa"),
                    Duration.ofSeconds(10));
            tmux.keys("q");
            String after = tmux.waitFor("the prompt after the pager", s -> lineWithCursor(tmux).equals("causa> "),
                    Duration.ofSeconds(5));
            assertThat(after).contains("Commands:"); // the paged text stays on the screen
            tmux.line("exit");
            tmux.waitFor("the shell again", s -> s.strip().endsWith("$"), Duration.ofSeconds(15));
        }
    }

    private String queuedJob(Path home, Path source, Path target) throws Exception {
        Cli.Result run = new Cli(home).run("action", "run", "files.copy", "--detach", "--json",
                "sources=" + source, "destination=" + target);
        assertThat(run.exit()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out()).path("jobs").get(0).path("id").asText();
    }

    private static String lineWithCursor(Tmux tmux) {
        try {
            return tmux.beforeCursor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The screen below the last line with a prompt: where completion lists its candidates. */
    private static String belowPrompt(String screen) {
        int prompt = screen.lastIndexOf("causa> ");
        int end = prompt < 0 ? -1 : screen.indexOf('\n', prompt);
        return end < 0 ? "" : screen.substring(end);
    }

    private static String lastLine(String screen) {
        String[] lines = screen.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Queues two copies of {@code source} (detached) and waits until both are acknowledged. */
    private void queueTwoCopies(Tmux tmux, Path source) throws Exception {
        for (String target : new String[]{"copy1", "copy2"}) {
            tmux.line("action run files.copy sources=" + source + " destination=" + tmp.resolve(target) + " --detach");
        }
        tmux.waitFor("both queued", s -> s.split("1 job\\(s\\) queued", -1).length == 3, Duration.ofSeconds(15));
    }
}
