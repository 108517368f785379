package dev.auscult.desktop;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/** Opens links through the desktop portal (org.freedesktop.portal.OpenURI) on the session bus. */
public final class DesktopPortal {

    private static final System.Logger LOG = System.getLogger(DesktopPortal.class.getName());

    private DesktopPortal() {
    }

    /**
     * Whether this process runs in a sandbox that has no xdg-open of the host's own (a Flatpak has
     * /.flatpak-info; a Snap sets SNAP), where links must go through the portal.
     */
    public static boolean sandboxed(Map<String, String> env, Path root) {
        return Files.exists(root.resolve(".flatpak-info")) || env.containsKey("SNAP");
    }

    /**
     * Asks the portal on the session bus to open {@code uri}.
     *
     * @return false when there is no bus or no portal, or it refused (the caller may try xdg-open)
     */
    public static boolean openUri(SessionBus bus, String uri) {
        Optional<DBusConnection> connection = bus.get();
        if (connection.isEmpty()) {
            return false;
        }
        try {
            connection.get().getRemoteObject(OpenUriPortal.BUS_NAME, OpenUriPortal.OBJECT_PATH, OpenUriPortal.class)
                    .OpenURI("", uri, Map.<String, Variant<?>>of());
            return true;
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "the desktop portal did not open the link: {0}", e.getMessage());
            return false;
        }
    }
}
