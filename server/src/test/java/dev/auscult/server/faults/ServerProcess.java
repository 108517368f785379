package dev.auscult.server.faults;

import dev.auscult.server.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server as an administrator runs it — its own JVM, `auscult-server serve` — so the fault suite can kill it
 * with SIGKILL mid-write, as the kernel's OOM killer or a pulled plug would.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts `serve` on a free loopback port with the given connection options and waits until /health is 200. */
    static ServerProcess start(List<String> connection, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", "dev.auscult.server.Main", "serve", "--bind", "127.0.0.1", "--port", String.valueOf(port)));
        cmd.addAll(connection);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServerProcess server = new ServerProcess(p, port);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    URI graphql() {
        return URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    /** Waits for /health to answer 200; returns how long that took. */
    Duration awaitHealthy(Duration limit) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue());
            }
            try {
                if (Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).GET().build())
                        .statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not become healthy within " + limit);
    }

    /** SIGKILL: no shutdown hook, no drain, no flush. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                killHard();
            }
        }
    }
}
