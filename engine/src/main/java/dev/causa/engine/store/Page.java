package dev.causa.engine.store;

import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param next the cursor of the following page, or null when this is the last one
 */
public record Page<T>(List<T> items, String next) {

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }
}
