package dev.causa.engine.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.causa.engine.store.EventTransport;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import dev.causa.engine.store.StoreException;
import dev.causa.engine.store.WorkQueue;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's view of a causa database on PostgreSQL (DESIGN §11): a connection pool (HikariCP, which replaces
 * connections that broke, e.g. across a server restart), the schema brought up to date on open, this process
 * registered as a node, and the records, work queue and events over them.
 */
public final class PostgresStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
    static final int POOL_SIZE = 8;

    private final PgUrl url;
    private final String node;
    private final HikariDataSource pool;
    private final PgWriter writer;
    private final PgListener listener;
    private final PgEvents events;
    private final PgRecords records;
    private final PgWorkQueue queue;

    /**
     * Opens the database at {@code url}, creating or upgrading the schema.
     *
     * @param node this process's name among the nodes (see {@code Stores.nodeName()})
     * @throws StoreException one line, without the password, if the server cannot be reached, refuses the login,
     *                        or holds a schema newer than this causa knows
     */
    public PostgresStore(PgUrl url, String node) {
        this.url = url;
        this.node = node;
        this.pool = connect(url);
        try {
            try (Connection c = pool.getConnection()) {
                Migrations.migrate(c, url.where()).forEach(v -> log.info("{}: schema version {} applied", url, v));
                Nodes.register(c, node, version());
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException se) throw se;
            throw new StoreException("cannot open the causa schema in PostgreSQL at " + url.where() + ": "
                    + oneLine(e), e);
        }
        this.writer = new PgWriter(pool);
        this.events = new PgEvents(pool);
        this.listener = new PgListener(this::newConnection, events::received);
        this.records = new PgRecords(pool, writer);
        this.queue = new PgWorkQueue(pool, writer, listener);
    }

    private static HikariDataSource connect(PgUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("causa-pg");
        config.setJdbcUrl(url.jdbcUrl());
        config.setDataSourceProperties(properties(url));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1); // one attempt at open: an unreachable server is an error at once
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot reach PostgreSQL at " + url.where() + ": " + oneLine(e), e);
        }
    }

    private static Properties properties(PgUrl url) {
        Properties p = new Properties();
        p.setProperty("user", url.user());
        if (url.password() != null) p.setProperty("password", url.password());
        p.setProperty("ApplicationName", "causa");
        p.setProperty("connectTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("options", "-c synchronous_commit=on"); // the commit is the acknowledgement
        return p;
    }

    /** A connection outside the pool (the LISTEN connection). */
    private Connection newConnection() {
        try {
            return DriverManager.getConnection(url.jdbcUrl(), properties(url));
        } catch (SQLException e) {
            throw new StoreException("cannot reach PostgreSQL at " + url.where() + ": " + oneLine(e), e);
        }
    }

    /**
     * The message of the deepest SQL error behind a failure (the driver's own words: it names host and port, never a
     * password), else of the innermost cause; on one line.
     */
    static String oneLine(Throwable e) {
        Throwable sql = null;
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) sql = t;
            innermost = t;
        }
        Throwable chosen = sql != null ? sql : innermost;
        String message = chosen.getMessage() == null ? chosen.getClass().getSimpleName() : chosen.getMessage();
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** Undoes a failed transaction; if that fails too (the connection broke), the first failure stays the one told. */
    static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public WorkQueue queue() {
        return queue;
    }

    @Override
    public EventTransport events() {
        return events;
    }

    @Override
    public long sizeOnDisk() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return url.location();
    }

    /** This process's name among the nodes. */
    public String node() {
        return node;
    }

    /** The processes on this database, oldest first. */
    public List<Nodes.Node> nodeList() {
        try (Connection c = pool.getConnection()) {
            return Nodes.list(c);
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL query failed: " + e.getMessage(), e);
        }
    }

    /** Tells the other nodes this one is alive, and (if not null) which plugins it runs. */
    public void heartbeat(List<String> plugins) {
        try (Connection c = pool.getConnection()) {
            Nodes.heartbeat(c, node, plugins);
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL heartbeat failed: " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.Optional<dev.causa.engine.store.NodeRegistry> nodes() {
        return java.util.Optional.of(registry);
    }

    private final dev.causa.engine.store.NodeRegistry registry = new dev.causa.engine.store.NodeRegistry() {
        @Override
        public String node() {
            return node;
        }

        @Override
        public void heartbeat(List<String> plugins, List<String> jobTypes) {
            try (Connection c = pool.getConnection()) {
                Nodes.heartbeat(c, node, plugins, jobTypes);
            } catch (SQLException e) {
                throw new StoreException("PostgreSQL heartbeat failed: " + e.getMessage(), e);
            }
        }

        @Override
        public List<NodeInfo> nodes() {
            return PostgresStore.this.nodeList().stream().map(n -> new NodeInfo(n.id(), n.host(), n.pid(),
                    n.version(), n.plugins(), n.jobTypes(), n.startedAt(), n.heartbeatAt(), n.running())).toList();
        }
    };

    /** Writes what was handed over, ends this process's leases and its node entry, then disconnects. */
    @Override
    public void close() {
        writer.close();
        try (Connection c = pool.getConnection()) {
            queue.endLeases(c);
            Nodes.remove(c, node);
        } catch (SQLException | RuntimeException e) {
            log.warn("closing the PostgreSQL store: {}", oneLine(e));
        }
        listener.close();
        events.close();
        pool.close();
    }

    static String version() {
        try (InputStream in = PostgresStore.class.getResourceAsStream("/dev/causa/engine/causa.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "0.0.0");
        } catch (java.io.IOException e) {
            return "0.0.0";
        }
    }
}
