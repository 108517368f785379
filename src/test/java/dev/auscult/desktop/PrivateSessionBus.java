package dev.auscult.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real D-Bus session bus of the test's own: a dbus-daemon on a socket in a fresh directory, stopped on close. */
final class PrivateSessionBus implements AutoCloseable {

    private final Process daemon;
    private final String address;

    PrivateSessionBus() throws IOException {
        Path dir = Files.createTempDirectory("auscult-bus");
        daemon = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1", "--address=unix:path=" + dir.resolve("bus"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (printed == null || !printed.startsWith("unix:")) {
            daemon.destroy();
            throw new IOException("dbus-daemon did not start (it printed " + printed + ")");
        }
        address = printed;
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        daemon.destroy();
        daemon.waitFor(5, TimeUnit.SECONDS);
    }
}
