package dev.causa.engine.model;

/**
 * An error meant for the user: one line of text and a kind that front ends turn into an exit code
 * (1 bad input or a conflict, 2 not found, 3 engine or store).
 */
public final class CausaException extends RuntimeException {

    /** What went wrong, and so which exit code a command ends with. */
    public enum Kind {
        BAD_INPUT(1), NOT_FOUND(2), ENGINE(3),
        /** The request is well formed but the thing is not in a state that allows it (pause a completed job). */
        CONFLICT(1);

        public final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Kind kind;

    /** The longest message kept whole; longer ones (a huge input echoed back) keep their start and end. */
    static final int MAX_MESSAGE = 1_000;

    public CausaException(Kind kind, String message) {
        super(oneLine(message));
        this.kind = kind;
    }

    public CausaException(Kind kind, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.kind = kind;
    }

    /**
     * The message as one line of bounded length: user input echoed in it (a path with a line break, a 300,000
     * character string) must not break the one-line error contract.
     */
    static String oneLine(String message) {
        if (message == null) return null;
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE + 40));
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) out.append(String.format("\\u%04x", c));
                    else out.appendCodePoint(c);
                }
            }
        });
        if (out.length() <= MAX_MESSAGE) return out.toString();
        return out.substring(0, 700) + " … (" + out.length() + " characters) … " + out.substring(out.length() - 250);
    }

    public static CausaException badInput(String message) {
        return new CausaException(Kind.BAD_INPUT, message);
    }

    public static CausaException notFound(String message) {
        return new CausaException(Kind.NOT_FOUND, message);
    }

    public static CausaException conflict(String message) {
        return new CausaException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
