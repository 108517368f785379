package dev.auscult.server;

import dev.auscult.server.store.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster from Debian's binaries (no Docker here), on a loopback port of its own, that a
 * test can stop, crash and start again. Runs as the {@code postgres} user when the tests run as root (PostgreSQL
 * refuses root). The storage tests use a fast one (no fsync); the fault suite a durable one, as in production.
 */
public final class PostgresCluster implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final List<String> prefix;
    private final boolean durable;

    private PostgresCluster(Path bin, Path dir, int port, List<String> prefix, boolean durable) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.prefix = prefix;
        this.durable = durable;
    }

    /** The installed binaries' newest version, if any. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates and starts a cluster; empty when PostgreSQL is not installed. {@code durable}: fsync and synchronous commits on. */
    public static Optional<PostgresCluster> create(boolean durable) throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Path.of(Optional.ofNullable(System.getenv("AUSCULT_SERVER_TEST_TMP")).orElse(System.getProperty("java.io.tmpdir")));
        Path dir = Files.createTempDirectory(base, "pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> prefix = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        if (root) {
            run(List.of(), List.of("chown", "-R", "postgres", dir.toString()));
            run(List.of(), List.of("chmod", "755", base.toString()));
        }
        run(prefix, List.of(bin.get().resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "auscult",
                "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        PostgresCluster c = new PostgresCluster(bin.get(), dir, port, prefix, durable);
        c.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                c.stop("immediate");
            } catch (IOException | InterruptedException ignored) {
                // the JVM is exiting; the cluster directory is a temporary one
            }
        }));
        return Optional.of(c);
    }

    public void start() throws IOException, InterruptedException {
        String settings = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        run(prefix, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l",
                dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200" + settings,
                "start"));
    }

    /** {@code fast} is an orderly stop (sessions get 57P01); {@code immediate} is a crash: no checkpoint, recovery from the WAL at the next start. */
    public void stop(String mode) throws IOException, InterruptedException {
        run(prefix, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", mode, "-w", "stop"));
    }

    /** The superuser's URL for the {@code postgres} database. */
    public String adminUrl() {
        return "postgresql://auscult@127.0.0.1:" + port + "/postgres";
    }

    /** A new, empty database on the server at {@code adminUrl} (a user allowed to create databases); returns its URL. */
    public static String createDatabase(String adminUrl) {
        String name = "t" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        var t = Database.target(adminUrl);
        try (var c = java.sql.DriverManager.getConnection(t.jdbcUrl(), t.user().orElse(null), t.password().orElse(null)); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop("immediate");
    }

    private static void run(List<String> prefix, List<String> cmd) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(cmd);
        Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(Path.of(cmd.getFirst()).getFileName() + " failed: " + new String(out).strip());
        }
    }
}
