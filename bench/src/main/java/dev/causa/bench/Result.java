package dev.causa.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One figure of a run, printed as {@code RESULT <name> <value> <unit>}: the one line format that bench/run, the
 * child processes and the startup scripts share.
 */
public record Result(String name, double value, String unit) {

    private static final String PREFIX = "RESULT ";

    /** Prints the figure on stdout, where the parent process or bench/run picks it up. */
    public static void print(String name, double value, String unit) {
        System.out.println(new Result(name, value, unit).line());
        System.out.flush();
    }

    public String line() {
        return PREFIX + name + " " + format(value) + " " + unit;
    }

    public static Optional<Result> parse(String line) {
        if (!line.startsWith(PREFIX)) return Optional.empty();
        String[] parts = line.substring(PREFIX.length()).trim().split("\\s+");
        if (parts.length < 2) return Optional.empty();
        try {
            return Optional.of(new Result(parts[0], Double.parseDouble(parts[1]), parts.length > 2 ? parts[2] : ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }
}
