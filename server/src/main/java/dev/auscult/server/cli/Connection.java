package dev.auscult.server.cli;

import dev.auscult.server.ServerConfig;
import dev.auscult.server.ServerServices;
import dev.auscult.server.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command shares: where the configuration and the database are. */
public final class Connection {

    @Option(names = "--config", paramLabel = "FILE", description = "Server configuration (YAML). Environment variables AUSCULT_* override it.")
    Path config;

    @Option(names = "--database", paramLabel = "URL", description = "postgresql://user:password@host:5432/db or sqlite:PATH; default: embedded SQLite in the data directory. Prefer AUSCULT_DATABASE for URLs with passwords.")
    String database;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for the embedded database (default ./auscult-data).")
    Path data;

    ServerConfig load() throws IOException {
        if (config != null) {
            for (String key : ServerConfig.unknownKeys(config)) {
                System.getLogger(Connection.class.getName()).log(System.Logger.Level.WARNING,
                        "{0}: unknown setting \u201c{1}\u201d is ignored (a typo? the settings are listed in docs/server.md)", config, key);
            }
        }
        return ServerConfig.load(Optional.ofNullable(config), System.getenv()).withDatabase(Optional.ofNullable(database), Optional.ofNullable(data));
    }

    /** Opens the database, migrated, with every service. */
    ServerServices open(ServerConfig cfg) {
        Database db = Database.open(cfg.databaseUrl(), cfg.dataDir(), Math.min(cfg.poolSize(), 4));
        db.migrate();
        return ServerServices.create(cfg, db, Clock.systemUTC());
    }

    static String actor() {
        return acting("").audited();
    }

    /** Whoever runs the server's command line acts as an owner of the account they name (they hold its database). */
    static dev.auscult.server.service.Actor acting(String account) {
        return dev.auscult.server.service.Actor.cli(account, System.getProperty("user.name", "admin"));
    }

    /** The same, saying which command acted ("cli:root (apply)"). */
    static dev.auscult.server.service.Actor acting(String account, String command) {
        return dev.auscult.server.service.Actor.cli(account, System.getProperty("user.name", "admin") + " (" + command + ")");
    }
}
