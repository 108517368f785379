package dev.auscult.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The server's database: an embedded SQLite file in the data directory by default (zero set-up), or
 * PostgreSQL for production; pooled by HikariCP, migrated by Flyway from one script folder per engine.
 * Nothing that matters is kept in memory, so any number of servers can share one PostgreSQL.
 *
 * <p>An answer to an agent means its report is on disk: SQLite runs in WAL mode with {@code synchronous=FULL}
 * (the WAL is synced at every commit) and PostgreSQL keeps its default {@code synchronous_commit=on}.
 */
public final class Database implements AutoCloseable {

    /** Longest a statement may run: a slow or stuck database must not hold the server's threads as long as it likes. */
    public static final int STATEMENT_TIMEOUT_SECONDS = 10;

    /** The embedded database's file name in the data directory. */
    public static final String EMBEDDED_FILE = "auscult.db";

    public enum Engine {
        SQLITE("sqlite"), POSTGRESQL("postgresql");

        private final String migrations;

        Engine(String migrations) {
            this.migrations = migrations;
        }
    }

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Target target;

    private Database(HikariDataSource pool, Target target) {
        this.pool = pool;
        this.target = target;
        this.jdbi = Jdbi.create(pool);
        if (target.engine() == Engine.SQLITE) {
            jdbi.setTransactionHandler(new OneWriterAtATime(STATEMENT_TIMEOUT_SECONDS));
        }
        jdbi.getConfig(SqlStatements.class).setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
        // A failed statement is logged by what failed, never by its bound values (code hashes, token hashes,
        // e-mails, hostnames): JDBI's default message lists every argument.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(e -> String.valueOf(e.getCause() == null ? "" : e.getCause().getMessage())
                + " [statement: " + shortSql(e.getStatementContext() == null ? null : e.getStatementContext().getRawSql()) + "]");
    }

    private static String shortSql(String sql) {
        if (sql == null) {
            return "?";
        }
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }

    /**
     * Opens the pool without connecting: a database that is down at start makes requests answer 503
     * until it is back, instead of the server refusing to start. The embedded default lives in
     * {@code dataDir}, made 0700 with a 0600 database file (people, hashes and reports are nobody else's).
     */
    public static Database open(Optional<String> url, Path dataDir, int poolSize) {
        Target t = url.map(Database::target).orElseGet(() -> embedded(dataDir));
        if (t.engine() == Engine.SQLITE) {
            // the data directory is the server's own; a directory named by an sqlite: URL may be shared (never chmod /tmp)
            t.file().ifPresent(f -> prepareFile(f, url.isEmpty()));
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(t.jdbcUrl());
        t.user().ifPresent(c::setUsername);
        t.password().ifPresent(c::setPassword);
        c.setMaximumPoolSize(poolSize);
        c.setPoolName("auscult");
        c.setConnectionTimeout(3_000);
        c.setValidationTimeout(2_000);
        c.setInitializationFailTimeout(-1);
        switch (t.engine()) {
            case SQLITE -> {
                c.addDataSourceProperty("journal_mode", "WAL");
                c.addDataSourceProperty("synchronous", "FULL");
                c.addDataSourceProperty("foreign_keys", "true");
                // a writer waits for the one write lock instead of failing at once
                c.addDataSourceProperty("busy_timeout", String.valueOf(STATEMENT_TIMEOUT_SECONDS * 1000));
                // a transaction takes the write lock when it begins: a read that later writes cannot be refused
                // half-way (SQLITE_BUSY_SNAPSHOT), which would turn a busy moment into a failed report
                c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            }
            case POSTGRESQL -> {
                // a refusal's "Detail: Key (email)=(…)" would put people's data into the log
                c.addDataSourceProperty("logServerErrorDetail", "false");
                c.setConnectionInitSql("SET statement_timeout = " + STATEMENT_TIMEOUT_SECONDS * 1000);
            }
        }
        return new Database(new HikariDataSource(c), t);
    }

    /** The embedded default in a data directory, refused while an earlier version's H2 database sits there unmigrated. */
    static Target embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(EMBEDDED_FILE);
        if (!Files.exists(file) && LegacyH2.present(dataDir)) {
            throw new IllegalArgumentException(dataDir.toAbsolutePath() + " holds the H2 database of an earlier Auscult Server, which this "
                    + "version replaces with SQLite (docs/server.md). Copy it over once, with the server stopped: auscult-server admin migrate-h2 --data "
                    + dataDir);
        }
        return new Target(Engine.SQLITE, "jdbc:sqlite:" + file, Optional.empty(), Optional.empty(), "embedded SQLite in " + file, Optional.of(file));
    }

    /** 0600 file (in a 0700 directory when it is ours), made before SQLite opens it: its WAL and shared-memory files copy the file's mode. */
    private static void prepareFile(Path file, boolean ownDirectory) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (ownDirectory) {
                FilePermissions.ownerOnly(dir, true);
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            FilePermissions.ownerOnly(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded database " + file + " cannot be prepared: " + e.getMessage(), e);
        }
    }

    /** Where a URL points, without its password (for logs). */
    public record Target(Engine engine, String jdbcUrl, Optional<String> user, Optional<String> password, String description, Optional<Path> file) {
        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * {@code postgresql://user:password@host:port/db} (libpq's URI form), {@code sqlite:PATH}, or a
     * {@code jdbc:postgresql:} / {@code jdbc:sqlite:} URL. {@code h2:} is refused with the way to migrate.
     */
    public static Target target(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new Target(Engine.POSTGRESQL, url, Optional.empty(), Optional.empty(), url.replaceAll("password=[^&;]*", "password=…"), Optional.empty());
        }
        if (url.startsWith("jdbc:sqlite:") || url.startsWith("sqlite:")) {
            String path = url.substring(url.indexOf("sqlite:") + "sqlite:".length());
            if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file::memory")) {
                throw new IllegalArgumentException("an SQLite database must be a file: an in-memory one would lose every report at a restart");
            }
            Path file = Path.of(path);
            return new Target(Engine.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), Optional.empty(), Optional.empty(), "SQLite " + file.toAbsolutePath(),
                    Optional.of(file.toAbsolutePath()));
        }
        if (url.startsWith("h2:") || url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("H2 is no longer a server database: it does not promise that an acknowledged report survives a crash. "
                    + "Copy an H2 database into the embedded SQLite default once with: auscult-server admin migrate-h2 --data DIR (docs/server.md)");
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            URI u = URI.create(url);
            Optional<String> user = Optional.empty();
            Optional<String> password = Optional.empty();
            if (u.getRawUserInfo() != null) {
                String[] parts = u.getRawUserInfo().split(":", 2);
                user = Optional.of(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
                if (parts.length > 1) {
                    password = Optional.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
                }
            }
            String hostPort = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
            String jdbc = "jdbc:postgresql://" + hostPort + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            return new Target(Engine.POSTGRESQL, jdbc, user, password, "PostgreSQL " + hostPort + u.getRawPath(), Optional.empty());
        }
        throw new IllegalArgumentException("unsupported database URL (use postgresql://user:password@host:5432/db or sqlite:PATH)");
    }

    /** Brings the schema up to date (Flyway takes a lock, so several servers may start at once). */
    public void migrate() {
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + target.engine().migrations).load().migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The unit of work on this database: the stores, in one transaction. */
    public Tx tx() {
        return new Tx(jdbi, target.engine() == Engine.POSTGRESQL);
    }

    public Engine engine() {
        return target.engine();
    }

    public String description() {
        return target.description();
    }

    /**
     * Whether the database takes a durable write now: a connection that opens is not enough (a full disk, a
     * read-only standby after a fail-over and a lost file lock all let it open and then refuse every report).
     */
    public Health health() {
        try {
            jdbi.useHandle(h -> h.createUpdate("UPDATE health_probe SET beats = beats + 1 WHERE id = 1").execute());
            return new Health(true, "ok");
        } catch (RuntimeException e) {
            return new Health(false, switch (Failures.classify(e)) {
                case UNAVAILABLE, NOT_DATABASE -> Failures.reason(e);
                case CLIENT_INPUT, DUPLICATE -> "refuses writes";
            });
        }
    }

    /** What /health says of the database: whether it takes writes, and if not, the class of the failure (no values). */
    public record Health(boolean writable, String state) {
    }

    @Override
    public void close() {
        pool.close();
    }
}
