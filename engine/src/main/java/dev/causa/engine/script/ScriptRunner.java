package dev.causa.engine.script;

import dev.causa.engine.Causa;
import dev.causa.engine.model.CausaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Runs JavaScript automation against the engine: script files ({@code .mjs} ES modules with top-level await and
 * local imports, or classic {@code .js}) and one-line expressions. Each run gets its own sandboxed context on the
 * shared engine; see docs/scripting.md for the API and the sandbox rules.
 */
public final class ScriptRunner {

    /** The time limit of a one-shot script unless {@code --timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    /** Where a run's console output goes, and who it acts as. */
    public record Output(PrintWriter out, PrintWriter err) {
    }

    private final Causa causa;

    public ScriptRunner(Causa causa) {
        this.causa = causa;
    }

    /**
     * Runs a script file until its code has finished and nothing it awaits is pending. Its actions are initiated by
     * {@code script:<file name>}; it may read only files under its own folder.
     *
     * @throws CausaException when the file is missing or not a script
     * @throws ScriptError    when the script fails, stalls or runs out of time
     */
    public void runFile(Path file, List<String> args, Duration timeout, Output output) {
        if (!Files.isRegularFile(file)) throw CausaException.notFound("no script " + file);
        String name = file.getFileName().toString();
        boolean module = name.endsWith(".mjs");
        if (!module && !name.endsWith(".js")) {
            throw CausaException.badInput("a script is a .js or .mjs file: " + file);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw CausaException.notFound("cannot read script " + file + ": " + e.getMessage());
        }
        try (ScriptRun run = new ScriptRun(causa, real.getParent(), args, "script:" + name, timeout,
                output.out(), output.err(), causa::startWorkers)) {
            run.execute((context, ok, fail) -> {
                if (module) {
                    // the promise of a dynamic import settles with the whole module evaluation, top-level await
                    // included; handlers are attached before any microtask runs, so no rejection goes unhandled
                    context.eval(Source.newBuilder("js",
                                    "(function (specifier, ok, fail) { import(specifier).then(ok, fail); })",
                                    "causa-main.js").internal(true).buildLiteral())
                            .execute(real.toString(), ok, fail);
                    return null;
                }
                try {
                    return context.eval(Source.newBuilder("js", real.toFile()).name(name).build());
                } catch (java.nio.channels.ClosedByInterruptException e) {
                    Thread.currentThread().interrupt(); // Ctrl-C while the script was being read: the run stops
                    throw new ScriptError(ScriptError.Reason.ERROR,
                            "script stopped: interrupted; jobs it started are not stopped");
                } catch (IOException e) {
                    throw CausaException.notFound("cannot read script " + file + ": " + e.getMessage());
                }
            });
        } catch (ScriptError e) {
            // an error with no place of its own (a refused import) is the script's: name it
            if (e.reason() != ScriptError.Reason.ERROR || LOCATED.matcher(e.getMessage()).lookingAt()) throw e;
            throw new ScriptError(e.reason(), name + ": " + e.getMessage(), e.kind());
        }
    }

    private static final Pattern LOCATED = Pattern.compile("\\S+:\\d+:\\d+: ");

    /**
     * Evaluates one piece of JavaScript (an expression or statements; {@code await} allowed) and returns its value
     * as text: strings as they are, other values as indented JSON; null when the value is undefined.
     */
    public String evaluate(String code, String initiator, Duration timeout, Output output) {
        boolean[] wrapped = {false};
        try (ScriptRun run = new ScriptRun(causa, null, List.of(), initiator, timeout, output.out(), output.err(),
                causa::startWorkers)) {
            Value value = run.execute((context, ok, fail) -> {
                if (parses(context, code)) return context.eval(Source.newBuilder("js", code, "js").buildLiteral());
                // not a script: try it as the body of an async function, so that await works
                Value begin = asyncBody(context, "(\n" + code + "\n)");         // an expression: its value
                if (begin == null) begin = asyncBody(context, "{\n" + code + "\n}"); // statements: what they return
                if (begin == null) return context.eval(Source.newBuilder("js", code, "js").buildLiteral()); // the error
                wrapped[0] = true;
                begin.execute(ok, fail);
                return null;
            });
            return run.format(value);
        } catch (ScriptError e) {
            throw wrapped[0] ? unwrapped(e) : e;
        }
    }

    private static Value asyncBody(org.graalvm.polyglot.Context context, String body) {
        try {
            return context.eval(Source.newBuilder("js",
                    "(function (ok, fail) { (async () => " + body + ")().then(ok, fail); })", "js").buildLiteral());
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) throw e;
            return null;
        }
    }

    private static final Pattern WRAPPED_AT = Pattern.compile("\\bjs:(\\d+):(\\d+)");

    /** Wrapped code starts on line 2 of the wrapper: show places as the user typed them, without the wrapper. */
    private static ScriptError unwrapped(ScriptError e) {
        StringBuilder text = new StringBuilder();
        for (String line : e.getMessage().split("\n")) {
            if (line.strip().startsWith("at ") && line.contains("js:1:")) continue;
            if (!text.isEmpty()) text.append('\n');
            text.append(WRAPPED_AT.matcher(line).replaceAll(m ->
                    "js:" + Math.max(1, Integer.parseInt(m.group(1)) - 1) + ":" + m.group(2)));
        }
        return new ScriptError(e.reason(), text.toString(), e.kind());
    }

    /** Whether the code parses as a script; a syntax error without await in it is the user's and is thrown. */
    private static boolean parses(org.graalvm.polyglot.Context context, String code) {
        try {
            context.parse(Source.newBuilder("js", code, "js").buildLiteral());
            return true;
        } catch (PolyglotException e) {
            if (!e.isSyntaxError() || !code.contains("await")) throw e;
            return false;
        }
    }

    /** The script engine as {@code status} shows it; never creates the engine. */
    public static ScriptRuntime.Info runtime() {
        return ScriptRuntime.info();
    }
}
