package dev.causa.engine.store;

import java.security.SecureRandom;

/**
 * Time-ordered ids (UUID version 7, RFC 9562): the text of a newer id sorts after an older one, so stores can list
 * "newest first" by key order. Ids made in one process are strictly increasing.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long sequence;

    private Ids() {
    }

    public static synchronized String next() {
        long now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            sequence = RANDOM.nextInt(1 << 11);
        } else if (++sequence >= (1 << 12)) {
            lastMillis++;
            sequence = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | sequence;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return format(high, low);
    }

    private static String format(long high, long low) {
        String hex = String.format("%016x%016x", high, low);
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }
}
