package dev.causa.bench;

/** Names a job count the way figure names do: 1m, 100k, 10k. */
public final class Sizes {

    private Sizes() {
    }

    public static String label(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) return n / 1_000_000 + "m";
        if (n >= 1_000 && n % 1_000 == 0) return n / 1_000 + "k";
        return Long.toString(n);
    }
}
