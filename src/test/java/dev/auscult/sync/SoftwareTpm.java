package dev.auscult.sync;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real TPM 2.0 for tests: Debian's {@code swtpm} (libtpms, the same TPM 2.0 reference code as a laptop's chip's
 * firmware) on loopback, with its own state directory — a fresh one is another machine's TPM. The agent reaches it
 * with the same {@code tpm2-tools} commands it sends a laptop's {@code /dev/tpmrm0}.
 */
public final class SoftwareTpm implements AutoCloseable {

    private final Process process;
    private final int port;

    private SoftwareTpm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/swtpm")) && Files.isExecutable(Path.of("/usr/bin/tpm2_sign"));
    }

    public static SoftwareTpm start(Path state) throws IOException, InterruptedException {
        Files.createDirectories(state);
        // the swtpm TCTI finds the control channel on the next port up
        int port = freePair();
        int ctrl = port + 1;
        Process p = new ProcessBuilder(List.of("/usr/bin/swtpm", "socket", "--tpm2", "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                "--ctrl", "type=tcp,port=" + ctrl + ",bindaddr=127.0.0.1", "--tpmstate", "dir=" + state, "--flags", "not-need-init,startup-clear"))
                .redirectErrorStream(true).redirectOutput(state.resolve("swtpm.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return new SoftwareTpm(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("swtpm did not start: " + Files.readString(state.resolve("swtpm.log")));
                }
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IOException("swtpm did not listen within 10 s");
    }

    /** What tpm2-tools' {@code -T} takes for this TPM. */
    public String tcti() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    private static int freePair() throws IOException {
        for (int tries = 0; tries < 50; tries++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no two free ports in a row on loopback");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
