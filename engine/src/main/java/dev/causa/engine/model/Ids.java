package dev.causa.engine.model;

/**
 * Time-ordered 64-bit ids, shown as 13 characters of Crockford base32 ({@code 0J8ZQ5VH3T5K2}). The high 42 bits
 * are milliseconds since 2024-01-01 UTC (good for 139 years), the low 22 bits count ids made in the same
 * millisecond. Only the process holding the store makes ids, so they are unique and strictly increasing, and
 * their text sorts like their number: "newest first" is a descending key scan, and a store keys records by the
 * compact long rather than the text.
 */
public final class Ids {

    private static final long EPOCH = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final int SEQUENCE_BITS = 22;
    private static final char[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    public static final int LENGTH = 13;

    private static long last;

    private Ids() {
    }

    public static synchronized String next() {
        // each millisecond starts its sequence at a random point in the lower half, so the last characters differ
        // from one id to the next and a short suffix names a job as well as the full id
        long candidate = ((System.currentTimeMillis() - EPOCH) << SEQUENCE_BITS)
                | RANDOM.nextInt(1 << (SEQUENCE_BITS - 1));
        last = Math.max(candidate, last + 1);
        return text(last);
    }

    private static final java.util.Random RANDOM = new java.util.Random();

    public static String text(long id) {
        char[] out = new char[LENGTH];
        long v = id;
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = DIGITS[(int) (v & 31)];
            v >>>= 5;
        }
        return new String(out);
    }

    /** The number an id stands for; -1 if the text is not an id (wrong length or letters). */
    public static long parse(String text) {
        if (text == null || text.length() != LENGTH || digit(text.charAt(0)) > 1) return -1;
        long v = 0;
        for (int i = 0; i < LENGTH; i++) {
            int d = digit(text.charAt(i));
            if (d < 0) return -1;
            v = (v << 5) | d;
        }
        return v;
    }

    /** The smallest and largest ids whose text starts with {@code prefix}, or null if no id can. */
    public static long[] range(String prefix) {
        if (prefix.isEmpty() || prefix.length() > LENGTH || digit(prefix.charAt(0)) > 1) return null;
        String upper = prefix.toUpperCase();
        long low = parse(upper + "0".repeat(LENGTH - upper.length()));
        long high = parse(upper + "Z".repeat(LENGTH - upper.length()));
        return low < 0 || high < 0 ? null : new long[]{low, high};
    }

    private static int digit(char c) {
        char u = Character.toUpperCase(c);
        if (u == 'O') u = '0';
        if (u == 'I' || u == 'L') u = '1';
        for (int i = 0; i < DIGITS.length; i++) {
            if (DIGITS[i] == u) return i;
        }
        return -1;
    }
}
