package dev.causa.engine.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Picks the backend for a store URL among the {@link StoreProvider}s on the class path (declared in
 * {@code META-INF/services}), so this package names no backend.
 */
public final class Stores {

    /** The home's MapDB file. */
    public static final String DEFAULT = "mapdb:";

    private static final List<StoreProvider> PROVIDERS = ServiceLoader.load(StoreProvider.class,
            Stores.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private Stores() {
    }

    public static Store open(String url, Path home) {
        return provider(url).open(url, home);
    }

    public static Optional<StoreAdmin> admin(String url, Path home) {
        return provider(url).admin(url, home);
    }

    private static StoreProvider provider(String url) {
        return PROVIDERS.stream().filter(p -> p.handles(url)).findFirst().orElseThrow(() -> new StoreException(
                "unknown store '" + redact(url) + "' (expected mapdb:<file> or postgresql://user@host:port/db)"));
    }

    /** A store URL as it may be shown: without a password. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(://[^:/@]+):[^@/]*@", "$1:[redacted]@");
    }

    /** This process's name among the nodes of a store: host and process id. */
    public static String nodeName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) host = "localhost";
        return host + "-" + ProcessHandle.current().pid();
    }
}
