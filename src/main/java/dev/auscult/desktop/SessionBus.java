package dev.auscult.desktop;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;

/**
 * One connection to the user's D-Bus session bus, made on first use and shared by the tray icon, the
 * notifications and the portal. Its receiving side has one thread per kind: each handler here returns
 * at once, and dbus-java's defaults (four method-call threads, and a full set per connection) cost an
 * idle tray app about a megabyte of memory for nothing. Thread-safe.
 */
public final class SessionBus implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionBus.class.getName());

    private final Optional<String> address;
    private Optional<DBusConnection> connection;
    private boolean tried;

    /** @param address a bus address, or empty for the user's session bus (DBUS_SESSION_BUS_ADDRESS) */
    public SessionBus(Optional<String> address) {
        this.address = address;
    }

    /** The connection; empty when there is no session bus (a console login, a container). */
    public synchronized Optional<DBusConnection> get() {
        if (!tried) {
            tried = true;
            try {
                connection = Optional.of(open(address));
            } catch (DBusException | RuntimeException e) {
                LOG.log(Level.INFO, "no D-Bus session bus ({0}); the desktop integration falls back", e.getMessage());
                connection = Optional.empty();
            }
        }
        return connection;
    }

    /** Whether some program on the bus owns {@code name} (a desktop service, a watcher); false when the bus does not answer. */
    static boolean hasOwner(DBusConnection bus, String name) {
        try {
            return bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class).NameHasOwner(name);
        } catch (DBusException | RuntimeException e) {
            return false;
        }
    }

    static DBusConnection open(Optional<String> address) throws DBusException {
        DBusConnectionBuilder builder = address.isPresent() ? DBusConnectionBuilder.forAddress(address.get()) : DBusConnectionBuilder.forSessionBus();
        return builder.withShared(false).receivingThreadConfig()
                .withSignalThreadCount(1).withMethodCallThreadCount(1).withMethodReturnThreadCount(1).withErrorHandlerThreadCount(1)
                .connectionConfig().build();
    }

    @Override
    public synchronized void close() {
        if (connection != null && connection.isPresent()) {
            try {
                connection.get().close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the session bus connection: {0}", e.getMessage());
            }
        }
    }
}
