package dev.causa.engine.script;

import dev.causa.engine.Causa;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One script run: a sandboxed context on the shared engine, the {@code causa} API, the event loop on the calling
 * thread, and a watchdog that stops the script at its time limit. Jobs the script started are the engine's: they
 * keep running (and keep their action context) when the script ends or is stopped.
 */
final class ScriptRun implements AutoCloseable {

    private static final String API_SOURCE = readApi();

    private final Path folder;
    private final Duration timeout;
    private final EventLoop loop = new EventLoop();
    private final CausaBridge bridge;
    private final Context context;
    private final Value dispatch;
    private final Value format;
    private final AutoCloseable subscription;
    private volatile boolean timedOut;
    /** Set when the thread running the script was interrupted (Ctrl-C in the REPL). */
    private volatile boolean interrupted;
    private volatile Thread scriptThread;
    private boolean settled;
    private Value result;
    private Value rejection;

    /**
     * @param folder the script's folder: the only files it may read (its modules); null for no file access
     */
    ScriptRun(Causa causa, Path folder, List<String> args, String initiator, Duration timeout, PrintWriter out,
              PrintWriter err, Runnable startWorkers) {
        this.folder = folder;
        this.timeout = timeout;
        this.bridge = new CausaBridge(causa, loop, initiator, out, err, startWorkers);
        this.context = sandbox(folder, err).build();
        loop.bindToCurrentThread();
        // before any script code runs, so that no event of what the script starts can be missed
        this.subscription = causa.events().subscribe(this::forward);
        bridge.listeningSince(java.time.Instant.now());
        try {
            Value api = context.eval(Source.newBuilder("js", API_SOURCE, "causa-api.js").internal(true)
                    .buildLiteral()).execute(bridge.proxy(), Json.text(args));
            Value globals = context.getBindings("js");
            globals.putMember("causa", api.getMember("causa"));
            globals.putMember("console", api.getMember("console"));
            globals.putMember("setTimeout", api.getMember("setTimeout"));
            globals.putMember("clearTimeout", api.getMember("clearTimeout"));
            this.dispatch = api.getMember("dispatch");
            this.format = api.getMember("format");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Context.Builder sandbox(Path folder, PrintWriter err) {
        IOAccess io;
        try {
            io = folder == null ? IOAccess.NONE
                    : IOAccess.newBuilder().fileSystem(new ScriptFolderFileSystem(folder)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Context.newBuilder("js")
                .engine(ScriptRuntime.engine())
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(io)
                .in(InputStream.nullInputStream())
                .err(new WriterStream(err))
                .out(new WriterStream(err))
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.graal-builtin", "false")
                .option("js.unhandled-rejections", "warn");
    }

    /** How a run begins: evaluate the script, and either return its value or wire its promise to ok/fail. */
    interface Start {
        /** @return the script's value, or null when its outcome is wired to {@code ok} and {@code fail} */
        Value begin(Context context, ProxyExecutable ok, ProxyExecutable fail);
    }

    /** Runs {@code start} (which evaluates the script) and then the event loop until the script is done. */
    Value execute(Start start) {
        scriptThread = Thread.currentThread();
        Thread watchdog = Thread.ofPlatform().daemon(true).name("causa-script-watchdog").start(this::watch);
        try {
            ProxyExecutable ok = a -> settle(a.length > 0 ? a[0] : null, null);
            ProxyExecutable fail = a -> settle(null, a.length > 0 ? a[0] : null);
            Value value = start.begin(context, ok, fail);
            if (value != null && value.canInvokeMember("then")) value.invokeMember("then", ok, fail);
            else if (value != null) settle(value, null);
            loop.run(() -> settled);
            if (rejection != null) throw ScriptErrors.of(rejection, folder);
            return result;
        } catch (PolyglotException e) {
            // GraalJS may notice the interrupted thread before the watchdog does, and say so in its own words
            boolean threadInterrupted = Thread.currentThread().isInterrupted() || e.isInterrupted()
                    || String.valueOf(e.getMessage()).contains("InterruptedExecution");
            if (!timedOut && threadInterrupted) interrupted = true;
            if ((timedOut || interrupted) && (e.isCancelled() || threadInterrupted)) throw stopError();
            throw ScriptErrors.of(e, folder);
        } catch (ScriptTimeout e) {
            throw stopError();
        } catch (EventLoop.Stalled e) {
            throw new ScriptError(ScriptError.Reason.STALLED, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted = true;
            throw stopError();
        } finally {
            watchdog.interrupt();
        }
    }

    /** Formats a result the way {@code causa js} prints it; null for undefined. */
    String format(Value value) {
        Value text = format.execute(value);
        return text.isNull() ? null : text.asString();
    }

    private Object settle(Value value, Value error) {
        settled = true;
        result = value;
        rejection = error;
        return null;
    }

    private void forward(CausaEvent event) {
        bridge.onEvent(event);
        String json = event.json().toString();
        loop.post(() -> dispatch.execute(json));
    }

    private static final class ScriptTimeout extends RuntimeException {
        ScriptTimeout() {
            super(null, null, false, false);
        }
    }

    private ScriptError stopError() {
        if (interrupted) {
            return new ScriptError(ScriptError.Reason.ERROR, "script stopped: interrupted; jobs it started are not stopped");
        }
        return timeoutError();
    }

    private ScriptError timeoutError() {
        return new ScriptError(ScriptError.Reason.TIMEOUT, "script stopped: time limit of " + seconds(timeout)
                + " reached (--timeout SECONDS); jobs it started are not stopped");
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format("%.1f s", ms / 1000.0);
    }

    /**
     * Stops the script when its time is up or when the thread running it is interrupted (Ctrl-C in the REPL):
     * JavaScript in a busy loop does not look at the thread's interrupt flag, so the watchdog does.
     */
    private void watch() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!scriptThread.isInterrupted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        } catch (InterruptedException finished) {
            return;
        }
        if (scriptThread.isInterrupted()) interrupted = true;
        else timedOut = true;
        // wakes a loop that waits for events; interrupts JavaScript that is running
        loop.post(() -> {
            throw new ScriptTimeout();
        });
        try {
            context.interrupt(Duration.ofSeconds(5));
        } catch (TimeoutException | RuntimeException stuck) {
            context.close(true);
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // unsubscribing cannot fail
        }
        bridge.close();
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosed) {
            // closed by the watchdog
        }
    }

    private static String readApi() {
        try (InputStream in = ScriptRun.class.getResourceAsStream("causa-api.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("causa-api.js is missing from the engine jar", e);
        }
    }

    /** GraalJS's own messages (e.g. unhandled rejection warnings) go to the script's error stream. */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                writer.println(line.toString(StandardCharsets.UTF_8));
                writer.flush();
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
