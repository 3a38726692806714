package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.Store;
import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.store.StoreProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mapdb:<file>}: a MapDB file, absolute or relative to the causa home; {@code mapdb:} alone (or no URL at
 * all) is {@code <home>/causa.db}.
 */
public final class MapDbStoreProvider implements StoreProvider {

    public static final String SCHEME = "mapdb:";
    static final String DEFAULT_FILE = "causa.db";

    @Override
    public boolean handles(String url) {
        return url == null || url.isBlank() || url.startsWith(SCHEME);
    }

    @Override
    public Store open(String url, Path home) {
        return MapDbStore.open(file(url, home));
    }

    @Override
    public Optional<StoreAdmin> admin(String url, Path home) {
        return Optional.of(new MapDbAdmin(file(url, home)));
    }

    /** The store file a URL names. */
    public static Path file(String url, Path home) {
        if (url != null && !url.isBlank() && !url.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a MapDB store URL: " + url + " (expected mapdb:<file>)");
        }
        String rest = url == null ? "" : url.strip().substring(Math.min(url.strip().length(), SCHEME.length()));
        return rest.isEmpty() ? home.resolve(DEFAULT_FILE) : home.resolve(rest);
    }
}
