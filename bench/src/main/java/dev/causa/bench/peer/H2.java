package dev.causa.bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/**
 * The peers' durable embedded store: an H2 2.x file database behind a HikariCP pool, as both peers' docs
 * recommend a pooled DataSource. H2's defaults are kept (it does not force every commit to disk).
 */
final class H2 {

    private H2() {
    }

    static HikariDataSource fileDatabase(Path dir, String name, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve(name));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(poolSize);
        return new HikariDataSource(config);
    }
}
