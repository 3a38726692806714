package dev.causa.repl.cmd;

import dev.causa.engine.model.CausaException;
import dev.causa.engine.script.ScriptError;
import dev.causa.repl.Session;
import java.time.Duration;

/** What script commands share: the time limit option and how a failed script is reported. */
final class ScriptCommands {

    private ScriptCommands() {
    }

    static Duration timeout(double seconds) {
        if (!(seconds > 0) || seconds > 7 * 24 * 3600) {
            throw CausaException.badInput("--timeout must be a number of seconds above 0");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The script's error (location, message, JavaScript stack) on stderr; its exit code. */
    static int report(Session session, ScriptError e) {
        session.out().flush();
        session.err().println("causa: " + e.getMessage());
        session.err().flush();
        return e.exitCode();
    }
}
