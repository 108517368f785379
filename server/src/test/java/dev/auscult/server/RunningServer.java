package dev.auscult.server;

import dev.auscult.server.http.ServerApp;
import dev.auscult.server.mail.Mailer;
import dev.auscult.server.store.Database;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** A real server on 127.0.0.1 (ephemeral port) on a fresh database of the given kind, for one test. */
public final class RunningServer implements AutoCloseable {

    public final ServerServices services;
    public final ServerApp app;
    public final int port;
    public final Database database;

    private RunningServer(ServerServices services, ServerApp app, int port, Database database) {
        this.services = services;
        this.app = app;
        this.port = port;
        this.database = database;
    }

    public static RunningServer start(String databaseUrl, Mailer mailer) throws IOException {
        return start(databaseUrl, mailer, Clock.systemUTC(), true);
    }

    public static RunningServer start(String databaseUrl, Mailer mailer, Clock clock, boolean migrate) throws IOException {
        return start(databaseUrl, mailer, clock, migrate, Map.of());
    }

    /** With settings from environment variables, as an administrator sets them (AUSCULT_TRUSTED_PROXIES, …). */
    public static RunningServer start(String databaseUrl, Mailer mailer, Clock clock, boolean migrate, Map<String, String> env) throws IOException {
        Path data = Files.createTempDirectory("auscult-server-test");
        ServerConfig cfg = ServerConfig.load(Optional.empty(), env).withDatabase(Optional.of(databaseUrl), Optional.of(data))
                .withPort(0).withBind("127.0.0.1");
        Database db = Database.open(cfg.databaseUrl(), cfg.dataDir(), 8);
        if (migrate) {
            db.migrate();
        }
        ServerServices services = ServerServices.create(cfg, db, clock, mailer);
        ServerApp app = new ServerApp(services);
        int port = app.start();
        return new RunningServer(services, app, port, db);
    }

    /** A second instance on the same database (what a load balancer would spread agents over). */
    public RunningServer another(Mailer mailer) throws IOException {
        return start(services.config().databaseUrl().orElseThrow(), mailer, Clock.systemUTC(), true);
    }

    public URI graphql() {
        return URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        app.close();
        database.close();
    }
}
