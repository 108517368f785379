package dev.auscult.server.cli;

import dev.auscult.server.ServerConfig;
import dev.auscult.server.ServerServices;
import dev.auscult.server.http.ServerApp;
import dev.auscult.server.store.Database;
import dev.auscult.server.store.Failures;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Runs the server (the default when no command is given).")
public final class ServeCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

    @Mixin
    Connection connection;

    @Option(names = "--port", description = "Port to listen on (default 8443, or the configuration's).")
    Integer port;

    @Option(names = "--bind", description = "Address to listen on (default 0.0.0.0).")
    String bind;

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg = connection.load();
        if (port != null) {
            cfg = cfg.withPort(port);
        }
        if (bind != null) {
            cfg = cfg.withBind(bind);
        }
        java.nio.file.Files.createDirectories(cfg.dataDir());
        Database db = Database.open(cfg.databaseUrl(), cfg.dataDir(), cfg.poolSize());
        migrateWhenReachable(db);
        ServerServices services = ServerServices.create(cfg, db, Clock.systemUTC());
        ServerApp app = new ServerApp(services);
        int bound = app.start();
        LOG.log(Level.INFO, "Auscult Server listening on {0}:{1} ({2}), database: {3}", cfg.bind(), String.valueOf(bound),
                cfg.tls().isPresent() ? "https" : "http — put TLS in front of it", db.description());
        ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("chores").factory());
        Duration retention = cfg.reportRetention();
        chores.scheduleAtFixedRate(() -> {
            try {
                int n = services.reports().prune(retention);
                LOG.log(Level.INFO, "retention: {0} reports older than {1} days pruned", n, retention.toDays());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "retention pruning failed; will retry", e);
            }
        }, 1, 24 * 60, TimeUnit.MINUTES);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dev.auscult.server.ServerLogging.atShutdown(ServeCommand.class.getName(), "stopping: finishing requests in flight");
            chores.shutdownNow();
            app.close();
            db.close();
            dev.auscult.server.ServerLogging.atShutdown(ServeCommand.class.getName(), "stopped: requests finished, database closed");
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** A database that is down at start is waited for (requests get 503 meanwhile), not a reason to crash. */
    private static void migrateWhenReachable(Database db) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                db.migrate();
                return;
            } catch (RuntimeException e) {
                if (!Failures.isUnavailable(e) || attempt >= 60) {
                    throw e;
                }
                LOG.log(Level.WARNING, "the database is not reachable yet ({0}); retrying in 5 s", db.description());
                Thread.sleep(5_000);
            }
        }
    }
}
