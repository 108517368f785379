package dev.auscult.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links opened through the desktop portal, on a real private session bus with a portal exported the way
 * xdg-desktop-portal exports it (the portal itself needs a desktop session that cannot run here).
 */
class DesktopPortalTest {

    private PrivateSessionBus daemon;

    private String startBus() throws Exception {
        daemon = new PrivateSessionBus();
        return daemon.address();
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void theLinkGoesToThePortalWithNoParentWindow() throws Exception {
        String address = startBus();
        List<String> opened = new CopyOnWriteArrayList<>();
        DBusConnection desktop = daemon.connect();
        desktop.requestBusName(OpenUriPortal.BUS_NAME);
        desktop.exportObject(OpenUriPortal.OBJECT_PATH, new OpenUriPortal() {
            @Override
            public DBusPath OpenURI(String parentWindow, String uri, Map<String, Variant<?>> options) {
                opened.add("[" + parentWindow + "] " + uri);
                return new DBusPath("/org/freedesktop/portal/desktop/request/1_1/auscult");
            }

            @Override
            public String getObjectPath() {
                return OBJECT_PATH;
            }
        });
        try (SessionBus bus = new SessionBus(Optional.of(address))) {
            assertTrue(DesktopPortal.openUri(bus, "https://help.example.com/encrypt"));
        }
        assertEquals(List.of("[] https://help.example.com/encrypt"), opened);
    }

    @Test
    void withoutAPortalItSaysSoAndTheCallerTriesXdgOpen() throws Exception {
        String address = startBus();
        try (SessionBus bus = new SessionBus(Optional.of(address))) {
            assertFalse(DesktopPortal.openUri(bus, "https://help.example.com"));
        }
        assertFalse(DesktopPortal.openUri(new SessionBus(Optional.of("unix:path=/nonexistent/bus")), "https://help.example.com"));
    }

    @Test
    void flatpakAndSnapCountAsSandboxes(@TempDir Path root) throws Exception {
        assertFalse(DesktopPortal.sandboxed(Map.of(), root));
        assertTrue(DesktopPortal.sandboxed(Map.of("SNAP", "/snap/auscult/3"), root));
        Files.writeString(root.resolve(".flatpak-info"), "[Application]\nname=dev.auscult.Auscult\n");
        assertTrue(DesktopPortal.sandboxed(Map.of(), root));
    }
}
