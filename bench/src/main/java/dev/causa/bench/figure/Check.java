package dev.causa.bench.figure;

/** A benchmark that measured the wrong thing fails loudly instead of printing a figure. */
final class Check {

    private Check() {
    }

    static void that(boolean ok, String message) {
        if (!ok) throw new IllegalStateException(message);
    }
}
