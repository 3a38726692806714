package dev.causa.engine.store.postgres;

import dev.causa.engine.store.StoreException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A store URL {@code postgresql://user[:password]@host[:port]/db[?params]} (or {@code postgres://}), taken apart.
 * The password is kept only to connect: {@link #toString()} and {@link #location()} leave it out. Without a
 * password in the URL, {@code PGPASSWORD} or the user's {@code ~/.pgpass} (read by the driver) provide it.
 *
 * @param params the query string, passed to the JDBC driver as it is (e.g. {@code sslmode=require}); may be empty
 */
public record PgUrl(String user, String password, String host, int port, String database, String params) {

    public static final int DEFAULT_PORT = 5432;

    public static boolean handles(String url) {
        return url != null && (url.startsWith("postgresql://") || url.startsWith("postgres://"));
    }

    /** @throws StoreException with one line naming what is wrong, never the password */
    public static PgUrl parse(String url) {
        if (!handles(url)) throw bad("it does not start with postgresql://");
        String rest = url.substring(url.indexOf("://") + 3);
        String params = "";
        int query = rest.indexOf('?');
        if (query >= 0) {
            params = rest.substring(query + 1);
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/', Math.max(0, rest.lastIndexOf('@')));
        if (slash < 0 || slash == rest.length() - 1) throw bad("it names no database (…@host:port/db)");
        String database = decode(rest.substring(slash + 1));
        String authority = rest.substring(0, slash);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) password = decode(info.substring(colon + 1));
        }
        if (user == null || user.isEmpty()) user = envOr("PGUSER", System.getProperty("user.name"));
        if (password == null || password.isEmpty()) password = System.getenv("PGPASSWORD");
        String host = authority;
        int port = DEFAULT_PORT;
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && portColon > authority.lastIndexOf(']')) {
            host = authority.substring(0, portColon);
            try {
                port = Integer.parseInt(authority.substring(portColon + 1));
            } catch (NumberFormatException e) {
                throw bad("its port is not a number");
            }
        }
        if (host.isEmpty()) host = "localhost";
        return new PgUrl(user, password, host, port, database, params);
    }

    /** The JDBC URL, without user and password (they go as connection properties). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (params.isEmpty() ? "" : "?" + params);
    }

    /** {@code host:port/db}, for messages. */
    public String where() {
        return host + ":" + port + "/" + database;
    }

    /** The store URL as it may be shown: without the password. */
    public String location() {
        return "postgresql://" + user + "@" + where();
    }

    /** The same server and user, another database. */
    public PgUrl withDatabase(String other) {
        return new PgUrl(user, password, host, port, other, params);
    }

    @Override
    public String toString() {
        return location();
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static StoreException bad(String why) {
        return new StoreException("bad PostgreSQL store URL: " + why
                + " (expected postgresql://user[:password]@host[:port]/db)");
    }
}
