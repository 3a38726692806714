package dev.causa.engine.script;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one GraalJS {@link Engine} of the process, created on the first script rather than at start (it costs about
 * a second), and shared by every script context so that compiled code and parsed sources are reused.
 */
public final class ScriptRuntime {

    /**
     * What runs scripts.
     *
     * @param started        whether the engine exists yet
     * @param implementation {@link Engine#getImplementationName()}, or null before the first script
     * @param optimizing     whether JavaScript is compiled to machine code (false: the slower interpreter)
     * @param compilerOnModulePath whether the Graal compiler is on the upgrade module path of this JVM
     */
    public record Info(boolean started, String implementation, boolean optimizing, boolean compilerOnModulePath) {

        /** One line for {@code status}. */
        public String describe() {
            if (!started) {
                return "not started (created by the first script; optimizing compiler "
                        + (compilerOnModulePath ? "available" : "missing: scripts will be interpreted") + ")";
            }
            return implementation + (optimizing ? " (optimizing)" : " (interpreter only: no runtime compilation)");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ScriptRuntime.class);
    /** The name Truffle's fallback runtime reports when it cannot compile. */
    private static final String INTERPRETED = "Interpreted";
    private static volatile Engine engine;

    private ScriptRuntime() {
    }

    /** The shared engine, created now if this is the first script. */
    static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (ScriptRuntime.class) {
                e = engine;
                if (e == null) {
                    e = Engine.newBuilder("js")
                            // the interpreter-only warning goes to status and the log, not into script output
                            .option("engine.WarnInterpreterOnly", "false")
                            .logHandler(new LogStream())
                            .build();
                    log.info("script engine: {}", e.getImplementationName());
                    engine = e;
                }
            }
        }
        return e;
    }

    public static Info info() {
        Engine e = engine;
        boolean compiler = ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent();
        if (e == null) return new Info(false, null, false, compiler);
        String name = e.getImplementationName();
        return new Info(true, name, !INTERPRETED.equalsIgnoreCase(name), compiler);
    }

    /** Truffle's own log lines go to the causa log, never to the terminal a script writes to. */
    private static final class LogStream extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') flush();
            else line.append((char) b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            String text = new String(b, off, len, StandardCharsets.UTF_8);
            for (char c : text.toCharArray()) {
                if (c == '\n') flush();
                else line.append(c);
            }
        }

        @Override
        public synchronized void flush() {
            if (!line.isEmpty()) {
                log.info("graal: {}", line);
                line.setLength(0);
            }
        }
    }
}
