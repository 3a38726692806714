package dev.causa.engine.store;

import java.nio.file.Path;

/** Makes a backend from a store URL: one provider per scheme ({@code mapdb:}, {@code postgresql://}). */
public interface StoreProvider {

    /** Whether this provider opens {@code url}. */
    boolean handles(String url);

    /**
     * Opens the store, creating or upgrading it as needed.
     *
     * @param home the causa home, for files a backend keeps beside its data
     * @throws StoreException with one line a user can act on (in use, damaged, unreachable, too new)
     */
    Store open(String url, Path home);

    /** Maintenance of the store at {@code url}, with no engine holding it; empty if the backend offers none. */
    java.util.Optional<StoreAdmin> admin(String url, Path home);
}
