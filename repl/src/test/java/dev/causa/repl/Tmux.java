package dev.causa.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for the REPL: a tmux server of its own (so tests never touch another tmux), one pane (200x50)
 * running a plain shell, keys sent with send-keys and the screen read with capture-pane, polled up to a deadline.
 */
final class Tmux implements AutoCloseable {

    private final String socket = "causa-it-" + UUID.randomUUID().toString().substring(0, 8);

    Tmux() throws Exception {
        this(200, 50);
    }

    Tmux(int width, int height) throws Exception {
        tmux("new-session", "-d", "-s", "it", "-x", String.valueOf(width), "-y", String.valueOf(height),
                "env PS1='$ ' bash --norc --noprofile");
        waitFor("shell prompt", screen -> screen.contains("$"), Duration.ofSeconds(10));
    }

    /** Types a line and presses Enter. */
    void line(String text) throws Exception {
        tmux("send-keys", "-t", "it", "-l", text);
        tmux("send-keys", "-t", "it", "Enter");
    }

    /** Types text without Enter. */
    void type(String text) throws Exception {
        tmux("send-keys", "-t", "it", "-l", text);
    }

    /** Presses keys by tmux name: Tab, C-c, C-d, C-u, Up, Enter. */
    void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "it"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Blanks the screen, so what is waited for next cannot match what an earlier step left there. */
    void clear() throws Exception {
        tmux("send-keys", "-R", "-t", "it");
        tmux("clear-history", "-t", "it");
    }

    /** The screen with its colour and style escapes. */
    String screenWithEscapes() throws Exception {
        return tmux("capture-pane", "-p", "-e", "-t", "it");
    }

    String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "it");
    }

    /** Polls the screen until it satisfies {@code test}; fails with the screen when the deadline passes. */
    String waitFor(String what, Predicate<String> test, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!test.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the screen:\n" + screen);
            }
            Thread.sleep(50);
            screen = screen();
        }
        return screen;
    }

    String waitFor(String text) throws Exception {
        return waitFor("'" + text + "'", s -> s.contains(text), Duration.ofSeconds(15));
    }

    /** What stands before the cursor on its line: the prompt and what is typed (capture-pane drops blanks). */
    String beforeCursor() throws Exception {
        String[] at = tmux("display-message", "-p", "-t", "it", "#{cursor_x} #{cursor_y}").trim().split(" ");
        int x = Integer.parseInt(at[0]);
        String line = screen().split("\n", -1)[Integer.parseInt(at[1])];
        return line.length() >= x ? line.substring(0, x) : line + " ".repeat(x - line.length());
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            tmux("kill-server");
        } catch (IOException alreadyGone) {
            // the server ends with its last session
        }
    }
}
