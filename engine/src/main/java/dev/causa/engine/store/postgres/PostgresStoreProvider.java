package dev.causa.engine.store.postgres;

import dev.causa.engine.store.Store;
import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.store.StoreProvider;
import dev.causa.engine.store.Stores;
import java.nio.file.Path;
import java.util.Optional;

/** Opens {@code postgresql://user[:password]@host[:port]/db} (or {@code postgres://}) as a {@link PostgresStore}. */
public final class PostgresStoreProvider implements StoreProvider {

    @Override
    public boolean handles(String url) {
        return PgUrl.handles(url);
    }

    @Override
    public Store open(String url, Path home) {
        return new PostgresStore(PgUrl.parse(url), Stores.nodeName());
    }

    /** Backups and checks of a PostgreSQL database are the server's tools' (pg_dump, pg_amcheck). */
    @Override
    public Optional<StoreAdmin> admin(String url, Path home) {
        return Optional.empty();
    }
}
