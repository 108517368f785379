package dev.auscult.server.faults;

import dev.auscult.server.store.Account;

import dev.auscult.server.ServerConfig;
import dev.auscult.server.ServerServices;
import dev.auscult.server.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One fault run's bookkeeping: the account and codes it starts from, and at the end the count that matters —
 * reports the agents were told were kept that the database does not have. Each run's line is appended to
 * {@code target/fault-runs.txt} (docs/reliability.md quotes them).
 */
final class FaultRun {

    static final String ACCOUNT = "acme";

    private FaultRun() {
    }

    /** Creates the account and one code per agent in a fresh database; returns e-mail → code. */
    static Map<String, String> seed(Optional<String> url, Path dataDir, int agents) throws IOException {
        return seed(url, dataDir, agents, s -> { });
    }

    /** As {@link #seed(Optional, Path, int)}, then {@code more} with the services (a push target, say). */
    static Map<String, String> seed(Optional<String> url, Path dataDir, int agents, java.util.function.Consumer<ServerServices> more) throws IOException {
        ServerConfig cfg = ServerConfig.load(Optional.empty(), Map.of()).withDatabase(url, Optional.of(dataDir));
        try (Database db = Database.open(cfg.databaseUrl(), cfg.dataDir(), 2)) {
            db.migrate();
            ServerServices s = ServerServices.create(cfg, db, Clock.systemUTC(), m -> { });
            s.accounts().create(ACCOUNT, "Acme", "fault-suite");
            Map<String, String> codes = new LinkedHashMap<>();
            for (int i = 0; i < agents; i++) {
                String email = "agent" + i + "@acme.example";
                codes.put(email, s.codes().issue(new Account(ACCOUNT), email).code());
            }
            more.accept(s);
            return codes;
        }
    }

    /** The report IDs the database holds, read after the run by a fresh connection (a new process's view). */
    static Set<String> stored(Optional<String> url, Path dataDir) {
        try (Database db = Database.open(url, dataDir, 1)) {
            return new HashSet<>(db.jdbi().withHandle(h -> h.createQuery("SELECT report_id FROM reports").mapTo(String.class).list()));
        }
    }

    record Outcome(String name, AgentLoad.Counts counts, long stored, long lost, Duration recovery) {
        @Override
        public String toString() {
            return name + ": " + counts + " stored=" + stored + " acknowledged-but-lost=" + lost + " recovery=" + recovery.toMillis() + "ms";
        }
    }

    static Outcome account(String name, AgentLoad.Counts counts, Set<String> stored, Duration recovery) {
        Set<String> lost = new HashSet<>(counts.acknowledgedIds());
        lost.removeAll(stored);
        Outcome o = new Outcome(name, counts, stored.size(), lost.size(), recovery);
        System.out.println("[fault-suite] " + o);
        try {
            Path out = Path.of("target", "fault-runs.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, o + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("[fault-suite] could not append to target/fault-runs.txt: " + e.getMessage());
        }
        return o;
    }
}
