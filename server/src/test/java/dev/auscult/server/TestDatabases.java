package dev.auscult.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The databases every storage test runs on: H2 in-process, and a real PostgreSQL server. PostgreSQL comes
 * from {@code AUSCULT_TEST_POSTGRES_URL} (a postgresql:// URL of a user allowed to create databases) or, by
 * default, is started here from the installed PostgreSQL binaries in a throw-away cluster under
 * {@code target/} (as the {@code postgres} user when the tests run as root, which PostgreSQL refuses).
 * Without PostgreSQL installed the PostgreSQL cases are skipped with a message — unless
 * {@code AUSCULT_REQUIRE_POSTGRES=1} (CI), where that is a failure.
 */
public final class TestDatabases {

    /** One database to run a test class against: a fresh, empty database per call. */
    public record Kind(String name) {
        public String freshUrl() {
            return name.equals("H2") ? "h2:mem:t" + UUID.randomUUID().toString().replace("-", "") : Postgres.INSTANCE.freshDatabase();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static Stream<Kind> all() {
        List<Kind> out = new ArrayList<>(List.of(new Kind("H2")));
        if (Postgres.available()) {
            out.add(new Kind("PostgreSQL"));
        }
        return out.stream();
    }

    private TestDatabases() {
    }

    /** The PostgreSQL server for this test run, started once. */
    static final class Postgres {
        static final Postgres INSTANCE = new Postgres();
        private final Optional<String> adminUrl;
        private final String problem;

        private Postgres() {
            String env = System.getenv("AUSCULT_TEST_POSTGRES_URL");
            Optional<String> url = Optional.empty();
            String why = "";
            if (env != null && !env.isBlank()) {
                url = Optional.of(env);
            } else {
                try {
                    url = startLocal();
                    if (url.isEmpty()) {
                        why = "no PostgreSQL binaries found (install Debian's postgresql package, or set AUSCULT_TEST_POSTGRES_URL)";
                    }
                } catch (IOException | InterruptedException e) {
                    why = "PostgreSQL could not be started: " + e.getMessage();
                }
            }
            this.adminUrl = url;
            this.problem = why;
            if (url.isEmpty()) {
                if ("1".equals(System.getenv("AUSCULT_REQUIRE_POSTGRES"))) {
                    throw new IllegalStateException("AUSCULT_REQUIRE_POSTGRES=1 but " + why);
                }
                System.err.println("[TestDatabases] PostgreSQL cases skipped: " + why);
            }
        }

        static boolean available() {
            return INSTANCE.adminUrl.isPresent();
        }

        String freshDatabase() {
            String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            var t = dev.auscult.server.store.Database.target(adminUrl.orElseThrow());
            try (var c = DriverManager.getConnection(t.jdbcUrl(), t.user().orElse(null), t.password().orElse(null)); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
            }
            return adminUrl.get().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name);
        }

        private static Optional<Path> binaries() {
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

        private static Optional<String> startLocal() throws IOException, InterruptedException {
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
                run(List.of("chown", "-R", "postgres", dir.toString()), List.of());
                run(List.of("chmod", "755", base.toString()), List.of());
            }
            run(prefix, List.of(bin.get().resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "auscult",
                    "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
            run(prefix, List.of(bin.get().resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l",
                    dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
                            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(prefix, List.of(bin.get().resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
                } catch (IOException | InterruptedException ignored) {
                    // the JVM is exiting; the cluster directory is under target/ and goes with mvn clean
                }
            }));
            return Optional.of("postgresql://auscult@127.0.0.1:" + port + "/postgres");
        }

        private static void run(List<String> prefix, List<String> cmd) throws IOException, InterruptedException {
            List<String> all = new ArrayList<>(prefix);
            all.addAll(cmd);
            Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd.subList(0, 1)) + " failed: " + new String(out).strip());
            }
        }

        @Override
        public String toString() {
            return adminUrl.map(u -> "PostgreSQL").orElse("no PostgreSQL: " + problem);
        }
    }
}
