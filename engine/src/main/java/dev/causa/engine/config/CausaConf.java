package dev.causa.engine.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The user's settings in {@code <home>/causa.conf}, {@code key = value} lines ({@code #} starts a comment):
 * {@code store = URL}, {@code lease = 10s}, {@code limit.<job type> = N}. A missing file is no settings; a bad value
 * is one clear line naming the key.
 */
public final class CausaConf {

    public static final String FILE = "causa.conf";

    private final Path file;
    private final Properties values;

    private CausaConf(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    public static CausaConf read(Path home) {
        Path file = home.resolve(FILE);
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            values.load(in);
        } catch (NoSuchFileException e) {
            // no settings
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new CausaConf(file, values);
    }

    public Optional<String> get(String key) {
        String v = values.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public Optional<Duration> duration(String key) {
        return get(key).map(v -> parseDuration(v, key));
    }

    /** The concurrency limits by job type ({@code limit.<type> = N}). */
    public Map<String, Integer> limits() {
        Map<String, Integer> limits = new HashMap<>();
        for (String key : values.stringPropertyNames()) {
            if (!key.startsWith("limit.")) continue;
            String v = values.getProperty(key).trim();
            try {
                int n = Integer.parseInt(v);
                if (n < 1) throw new NumberFormatException();
                limits.put(key.substring("limit.".length()), n);
            } catch (NumberFormatException e) {
                throw bad(key, v, "a whole number of at least 1");
            }
        }
        return limits;
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
    public static Duration parseDuration(String text, String what) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
            if (d.isNegative() || d.isZero()) throw new NumberFormatException();
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a duration (e.g. 500ms, 30s, 5m, 1h, 7d)");
        }
    }

    private IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException(file + ": " + key + " = " + value + " (expected " + expected + ")");
    }
}
