package dev.causa.engine;

/**
 * An error meant for the user: one line of text and a kind that front ends turn into an exit code
 * (1 bad input, 2 not found, 3 engine or store).
 */
public final class CausaException extends RuntimeException {

    /** What went wrong, and so which exit code a command ends with. */
    public enum Kind {
        BAD_INPUT(1), NOT_FOUND(2), ENGINE(3);

        public final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Kind kind;

    public CausaException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CausaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static CausaException badInput(String message) {
        return new CausaException(Kind.BAD_INPUT, message);
    }

    public static CausaException notFound(String message) {
        return new CausaException(Kind.NOT_FOUND, message);
    }

    public Kind kind() {
        return kind;
    }
}
