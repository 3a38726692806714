package dev.causa.repl;

import dev.causa.engine.Causa;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.builtins.Less;
import org.jline.builtins.Source;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * The REPL on a real terminal: completion, history in {@code <home>/history} with Ctrl-R search, multi-line
 * input, a live status line of running jobs, notices of ended jobs above the prompt, long output through a pager,
 * and Ctrl-C that stops the command in progress rather than the shell.
 */
final class TerminalShell implements JobsMonitor.Screen {

    private static final String PROMPT = "causa> ";
    private static final AttributedStyle STATUS_STYLE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);

    private final Terminal terminal;
    private final TerminalOutput output;
    private final Repl repl;
    private final ShellReader reader;
    private final Status status;
    private final List<String> notices = new ArrayList<>();
    private volatile Thread command;
    private volatile boolean leaving;
    private volatile AttributedString lastStatus = idle();

    /** A line reader whose lock the status line can share, so a redraw never cuts into the line being edited. */
    private static final class ShellReader extends LineReaderImpl {
        ShellReader(Terminal terminal) throws IOException {
            super(terminal, "causa");
        }

        void locked(Runnable action) {
            lock.lock();
            try {
                action.run();
            } finally {
                lock.unlock();
            }
        }
    }

    private TerminalShell(Terminal terminal, TerminalOutput output, Repl repl) throws IOException {
        this.terminal = terminal;
        this.output = output;
        this.repl = repl;
        Session session = repl.session;
        this.reader = new ShellReader(terminal);
        reader.setParser(new LineParser());
        reader.setCompleter(new CommandCompleter(repl.cli, session));
        reader.setVariable(LineReader.HISTORY_FILE, session.home().resolve("history"));
        reader.setVariable(LineReader.HISTORY_SIZE, 2000);
        reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, "%M> ");
        reader.setVariable(LineReader.LIST_MAX, 200);
        // '!' in JSON or paths is text, not history expansion; Tab on an empty line lists the commands
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        reader.unsetOpt(LineReader.Option.INSERT_TAB);
        this.status = Status.getStatus(terminal);
        terminal.handle(Terminal.Signal.INT, signal -> {
            Thread running = command;
            if (running != null) running.interrupt();
        });
    }

    static int run(ShellOptions options, dev.causa.repl.attach.AttachClient.Holder attached) throws IOException {
        TerminalOutput output = new TerminalOutput();
        PrintWriter out = new PrintWriter(output, true);
        boolean ansi = System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        Session session = new Session(Session.Mode.REPL, out, out, ansi);
        options.applyTo(session);
        AtomicReference<TerminalShell> shell = new AtomicReference<>();
        // picocli reads every command class: let it do so while the terminal opens (startup to the prompt)
        CompletableFuture<Repl> repl = CompletableFuture.supplyAsync(
                () -> new Repl(session, text -> shell.get().message(text)),
                task -> Thread.ofPlatform().name("causa-commands").daemon(true).start(task));
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("causa")
                // JNI opens a terminal in about half the time of FFM (measured here); the others are fallbacks
                .providers("jni,ffm,exec").build()) {
            output.attach(terminal.writer());
            shell.set(new TerminalShell(terminal, output, repl.join()));
            if (attached != null) {
                // every line runs in the process that holds the home; its output comes as it is made
                var runner = dev.causa.repl.attach.AttachedShell.runner(session.home(), attached, out, out, true);
                shell.get().repl.attach(words -> {
                    output.live();
                    return runner.apply(words);
                });
                shell.get().lastStatus = new AttributedString(
                        dev.causa.repl.attach.AttachedShell.banner(attached, session.home()), AttributedStyle.DEFAULT.faint());
            }
            return shell.get().loop();
        }
    }

    private int loop() {
        Thread hook = Repl.leaveOnSignal(repl);
        openStatus();
        JobsMonitor monitor = new JobsMonitor(this, 1);
        if (repl.isAttached()) {
            output.direct(lastStatus.toString() + "\n");
        } else {
            repl.start(monitor, follows -> {
                output.live(); // a command that follows jobs shows their progress as it comes
                return monitor.following(follows);
            });
        }
        output.direct("causa " + Causa.VERSION + ": type help for the commands; " + Repl.LEAVE_HINT + "\n");
        while (repl.exitCode() == null) {
            showNotices();
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt drops the line being typed
            } catch (EndOfFileException e) {
                break;
            }
            runCommand(LineParser.split(line, line.length()).arguments());
        }
        leaving = true;
        repl.stopWatching();
        reader.locked(() -> {
            synchronized (output.lock) {
                status.update(List.of()); // closing alone would leave the last lines on the screen
                status.close();
            }
        });
        showNotices();
        repl.leave();
        Repl.removeHook(hook);
        return repl.exitCode() == null ? 0 : repl.exitCode();
    }

    /** Runs one command on this thread, which Ctrl-C interrupts; pages its output when it is taller than the screen. */
    private void runCommand(List<String> words) {
        if (words.isEmpty()) return;
        output.hold();
        command = Thread.currentThread();
        try {
            repl.execute(words);
        } finally {
            command = null;
            Thread.interrupted(); // a Ctrl-C that came after the command ended must not hit the next one
        }
        String text = output.release();
        if (rows(text) > terminal.getHeight() - 1 - status.size()) page(text);
        else if (!text.isEmpty()) output.direct(text);
    }

    private int rows(String text) {
        int width = Math.max(1, terminal.getWidth());
        int rows = 0;
        for (String line : text.split("\n", -1)) {
            rows += Math.max(1, (AttributedString.fromAnsi(line).columnLength() + width - 1) / width);
        }
        return text.endsWith("\n") ? rows - 1 : rows;
    }

    private void page(String text) {
        // the pager needs the whole screen: the status line's scroll region would cut its first line off
        reader.locked(() -> {
            synchronized (output.lock) {
                status.update(List.of());
                status.suspend();
            }
        });
        try {
            Less less = new Less(terminal, Path.of("."));
            less.noInit = true; // what was paged stays on the screen after q
            less.run(new Source.InputStreamSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    true, "causa (q quits)"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            Thread.interrupted();
            output.direct(text);
        } finally {
            reader.locked(() -> {
                synchronized (output.lock) {
                    // the pager leaves its ':' on the bottom row: the prompt takes that row
                    terminal.puts(InfoCmp.Capability.carriage_return);
                    terminal.puts(InfoCmp.Capability.clr_eol);
                    status.restore();
                    status.update(List.of(lastStatus));
                }
            });
        }
    }

    /**
     * The status line stays one row high for the whole session: JLine grows a status by scrolling the screen,
     * which must not happen under a line being edited, so it is opened once, before the first prompt.
     */
    private void openStatus() {
        status.update(List.of(lastStatus));
        terminal.flush();
    }

    private static AttributedString idle() {
        return new AttributedString("no jobs running", AttributedStyle.DEFAULT.faint());
    }

    @Override
    public void status(List<String> lines) {
        int width = Math.max(10, terminal.getWidth() - 1);
        AttributedString line = lines.isEmpty() ? idle() : new AttributedString(
                lines.getFirst().length() > width ? lines.getFirst().substring(0, width - 1) + "~" : lines.getFirst(),
                STATUS_STYLE);
        reader.locked(() -> {
            synchronized (output.lock) {
                lastStatus = line;
                if (leaving) return;
                status.update(List.of(line));
                terminal.flush();
            }
        });
    }

    @Override
    public void notice(String line, String state) {
        AttributedStyle style = switch (state) {
            case "completed" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            case "failed" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
            case "paused", "cancelled" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            default -> AttributedStyle.DEFAULT;
        };
        message(new AttributedString(line, style).toAnsi(terminal));
    }

    /** Above the prompt while the user types; after the command while one runs, so its output stays whole. */
    private void message(String text) {
        if (leaving) {
            output.direct(text + "\n");
            return;
        }
        // between two commands the prompt is about to be drawn: wait for it rather than hold the notice back
        for (int i = 0; i < 20 && command == null && !reader.isReading(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (notices) {
            if (!reader.isReading()) {
                notices.add(text);
                return;
            }
        }
        reader.printAbove(text);
    }

    private void showNotices() {
        List<String> due;
        synchronized (notices) {
            due = new ArrayList<>(notices);
            notices.clear();
        }
        due.forEach(text -> output.direct(text + "\n"));
    }
}
