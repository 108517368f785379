package dev.auscult.server;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The databases every storage test runs on: the embedded SQLite default (a file in a fresh directory), and a real PostgreSQL server. PostgreSQL comes
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
            if (!name.equals("SQLite")) {
                return Postgres.INSTANCE.freshDatabase();
            }
            try {
                return "sqlite:" + Files.createTempDirectory("auscult-sqlite").resolve("auscult.db");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static Stream<Kind> all() {
        List<Kind> out = new ArrayList<>(List.of(new Kind("SQLite")));
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
            return PostgresCluster.createDatabase(adminUrl.orElseThrow());
        }

        private static Optional<String> startLocal() throws IOException, InterruptedException {
            return PostgresCluster.create(false).map(PostgresCluster::adminUrl);
        }

        @Override
        public String toString() {
            return adminUrl.map(u -> "PostgreSQL").orElse("no PostgreSQL: " + problem);
        }
    }
}
