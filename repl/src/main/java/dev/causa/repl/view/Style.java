package dev.causa.repl.view;

import dev.causa.engine.model.JobState;

/** ANSI styles, used only when the session writes to a terminal. */
public final class Style {

    public static final String RESET = "\u001b[0m";
    public static final String BOLD = "\u001b[1m";
    public static final String DIM = "\u001b[2m";
    public static final String RED = "\u001b[31m";
    public static final String GREEN = "\u001b[32m";
    public static final String YELLOW = "\u001b[33m";
    public static final String CYAN = "\u001b[36m";

    private Style() {
    }

    public static String state(JobState state, boolean ansi) {
        if (!ansi) return state.label();
        String colour = switch (state) {
            case COMPLETED -> GREEN;
            case FAILED -> RED;
            case RUNNING -> CYAN;
            case PAUSED, CANCELLED -> YELLOW;
            case QUEUED -> DIM;
        };
        return colour + state.label() + RESET;
    }

    public static String paint(String text, String style, boolean ansi) {
        return ansi ? style + text + RESET : text;
    }
}
