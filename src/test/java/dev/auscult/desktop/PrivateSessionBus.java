package dev.auscult.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * A real D-Bus session bus of the test's own: a dbus-daemon on a socket in a fresh directory, stopped on close,
 * with the connections a test opened on it (the desktop's side: a portal, a notification server) closed first.
 */
final class PrivateSessionBus implements AutoCloseable {

    private final Process daemon;
    private final String address;
    private final List<DBusConnection> connections = new ArrayList<>();

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

    /** A connection of its own on this bus, as a desktop service has; closed with the bus. */
    DBusConnection connect() throws DBusException {
        DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        connections.add(c);
        return c;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        for (DBusConnection c : connections) {
            c.close();
        }
        daemon.destroy();
        daemon.waitFor(5, TimeUnit.SECONDS);
    }
}
