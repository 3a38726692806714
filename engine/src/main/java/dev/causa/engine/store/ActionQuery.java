package dev.causa.engine.store;

/**
 * Which action runs to list, newest first; null filters match everything.
 *
 * @param cursor a page's {@code next}: only runs older than the previous page's last; null for the newest
 * @param limit  at most this many (0 or less: no limit)
 */
public record ActionQuery(String actionType, String initiatedBy, String cursor, int limit) {

    public static ActionQuery ofType(String actionType, int limit) {
        return new ActionQuery(actionType, null, null, limit);
    }
}
