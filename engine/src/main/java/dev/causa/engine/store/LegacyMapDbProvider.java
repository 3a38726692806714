package dev.causa.engine.store;

import java.nio.file.Path;
import java.util.Optional;

/** Interim: opens {@link LegacyMapDbStore} until the split MapDB backend replaces it. */
public final class LegacyMapDbProvider implements StoreProvider {

    @Override
    public boolean handles(String url) {
        return url == null || url.isBlank() || url.startsWith("mapdb:");
    }

    @Override
    public Store open(String url, Path home) {
        String file = url == null ? "" : url.substring(Math.min(url.length(), "mapdb:".length()));
        return new LegacyMapDbStore(file.isBlank() ? home.resolve("causa.db") : home.resolve(file));
    }

    @Override
    public Optional<StoreAdmin> admin(String url, Path home) {
        return Optional.empty();
    }
}
