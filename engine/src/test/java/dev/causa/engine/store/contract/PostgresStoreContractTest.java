package dev.causa.engine.store.contract;

import dev.causa.engine.store.Store;
import dev.causa.engine.store.postgres.PgUrl;
import dev.causa.engine.store.postgres.PostgresStore;
import dev.causa.engine.testkit.PostgresTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/**
 * The storage contract on PostgreSQL: a real server, and a fresh database for each test (the suite expects an
 * empty store), dropped after it.
 */
class PostgresStoreContractTest extends StoreContract {

    private String url;

    @Override
    protected Store open(Path dir) {
        if (url == null) url = PostgresTestServer.freshDatabase();
        return new PostgresStore(PgUrl.parse(url), "test-process");
    }

    @AfterEach
    void dropDatabase() {
        if (store != null) store.close(); // before the drop, which would cut its connections
        store = null;
        if (url != null) PostgresTestServer.drop(url);
        url = null;
    }
}
