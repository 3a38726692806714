package dev.causa.engine.script;

import dev.causa.engine.model.CausaException;

/**
 * A script that did not finish well: a syntax error, an uncaught JavaScript error, a time limit, a sandbox
 * refusal. The message is what the user sees: {@code file:line:column: Error: message} and the JavaScript stack,
 * never a Java stack trace.
 */
public final class ScriptError extends RuntimeException {

    /** Why the script stopped; decides the exit code. */
    public enum Reason {
        /** The script's text does not parse. */
        SYNTAX(CausaException.Kind.BAD_INPUT),
        /** An error thrown and not caught, or a rejected promise the script awaited. */
        ERROR(CausaException.Kind.ENGINE),
        /** The time limit was reached. */
        TIMEOUT(CausaException.Kind.ENGINE),
        /** The script waits for something that can never happen. */
        STALLED(CausaException.Kind.ENGINE);

        public final CausaException.Kind kind;

        Reason(CausaException.Kind kind) {
            this.kind = kind;
        }
    }

    private final Reason reason;
    private final CausaException.Kind kind;

    public ScriptError(Reason reason, String message) {
        this(reason, message, reason.kind);
    }

    /** @param kind an engine error the script did not catch keeps its kind: not found stays not found */
    public ScriptError(Reason reason, String message, CausaException.Kind kind) {
        super(message, null, false, false);
        this.reason = reason;
        this.kind = kind;
    }

    public Reason reason() {
        return reason;
    }

    public CausaException.Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode;
    }
}
