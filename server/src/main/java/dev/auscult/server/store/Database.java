package dev.auscult.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The server's database: an embedded H2 file in the data directory by default (zero set-up), or
 * PostgreSQL for production; pooled by HikariCP, migrated by Flyway with the same scripts on both.
 * Nothing that matters is kept in memory, so any number of servers can share one PostgreSQL.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final String description;

    private Database(HikariDataSource pool, String description) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.description = description;
    }

    /**
     * Opens the pool without connecting: a database that is down at start makes requests answer 503
     * until it is back, instead of the server refusing to start.
     */
    public static Database open(Optional<String> url, Path dataDir, int poolSize) {
        Target t = url.map(Database::target).orElseGet(() -> new Target(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("auscult").toString().replace('\\', '/')
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                Optional.of("sa"), Optional.of(""), "embedded H2 in " + dataDir.toAbsolutePath()));
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(t.jdbcUrl());
        t.user().ifPresent(c::setUsername);
        t.password().ifPresent(c::setPassword);
        c.setMaximumPoolSize(poolSize);
        c.setPoolName("auscult");
        c.setConnectionTimeout(3_000);
        c.setValidationTimeout(2_000);
        c.setInitializationFailTimeout(-1);
        return new Database(new HikariDataSource(c), t.description());
    }

    /** Where a URL points, without its password (for logs). */
    public record Target(String jdbcUrl, Optional<String> user, Optional<String> password, String description) {
    }

    /**
     * {@code postgresql://user:password@host:port/db} (libpq's URI form), a {@code jdbc:} URL, or {@code h2:PATH}
     * / {@code h2:mem:NAME}.
     */
    public static Target target(String url) {
        if (url.startsWith("jdbc:")) {
            return new Target(url, Optional.empty(), Optional.empty(), url.replaceAll("password=[^&;]*", "password=…"));
        }
        if (url.startsWith("h2:")) {
            String rest = url.substring(3);
            String jdbc = "jdbc:h2:" + (rest.startsWith("mem:") ? rest : "file:" + rest)
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" + (rest.startsWith("mem:") ? ";DB_CLOSE_DELAY=-1" : "");
            return new Target(jdbc, Optional.of("sa"), Optional.of(""), "H2 " + rest);
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            URI u = URI.create(url);
            Optional<String> user = Optional.empty();
            Optional<String> password = Optional.empty();
            if (u.getRawUserInfo() != null) {
                String[] parts = u.getRawUserInfo().split(":", 2);
                user = Optional.of(java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8));
                if (parts.length > 1) {
                    password = Optional.of(java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            String jdbc = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath()
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            return new Target(jdbc, user, password, "PostgreSQL " + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath());
        }
        throw new IllegalArgumentException("unsupported database URL (use postgresql://user:password@host:5432/db, h2:PATH or jdbc:…)");
    }

    /** Brings the schema up to date (Flyway takes a lock, so several servers may start at once). */
    public void migrate() {
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public String description() {
        return description;
    }

    public boolean reachable() {
        try (var c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether a failure means "the database cannot be reached" (answer 503) rather than a bug. */
    public static boolean isUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof ConnectionException
                    || c instanceof org.flywaydb.core.api.FlywayException && String.valueOf(c.getMessage()).contains("connection")) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** A unique-constraint violation (SQLSTATE 23505 on PostgreSQL and H2). */
    public static boolean isUniqueViolation(JdbiException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        pool.close();
    }
}
