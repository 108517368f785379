package dev.auscult.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications on a real private D-Bus session bus (dbus-daemon started here), with a notification
 * server exported on it the way a desktop's is: what Auscult sends, the replacing, and the action.
 */
class FreedesktopNotificationsTest {

    /** A desktop's notification server, recording what it is asked to show. */
    static final class RecordingServer implements Notifications {
        record Shown(String appName, long replaces, String icon, String summary, String body, List<String> actions, Map<String, Variant<?>> hints) {
        }

        final List<Shown> shown = new CopyOnWriteArrayList<>();
        private long next = 41;

        @Override
        public synchronized UInt32 send(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
                                        Map<String, Variant<?>> hints, int expireTimeout) {
            shown.add(new Shown(appName, replacesId.longValue(), appIcon, summary, body, actions, hints));
            return new UInt32(replacesId.longValue() != 0 ? replacesId.longValue() : ++next);
        }

        @Override
        public List<String> capabilities() {
            return List.of("actions", "body", "body-markup");
        }

        @Override
        public String getObjectPath() {
            return OBJECT_PATH;
        }
    }

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
    void aNoticeCarriesNameIconUrgencyAndActionReplacesTheLastAndItsActionOpensThePractice() throws Exception {
        String address = startBus();
        RecordingServer server = new RecordingServer();
        DBusConnection desktop = daemon.connect();
        desktop.requestBusName(Notifications.BUS_NAME);
        desktop.exportObject(Notifications.OBJECT_PATH, server);

        BlockingQueue<String> opened = new ArrayBlockingQueue<>(4);
        try (SessionBus bus = new SessionBus(Optional.of(address))) {
            FreedesktopNotifier notifier = FreedesktopNotifier.connect(bus, opened::add).orElseThrow();
            assertTrue(notifier.show("1 security setting needs attention", "a <b> & c", Optional.of("diskEncryption"), true));
            assertTrue(notifier.show("Reminder: 1 security setting still failing", "still off", Optional.of("firewall"), false));

            RecordingServer.Shown first = server.shown.get(0);
            assertEquals("Auscult", first.appName());
            assertEquals("auscult", first.icon());
            assertEquals(0, first.replaces());
            assertEquals("a &lt;b&gt; &amp; c", first.body(), "markup-capable servers get escaped text");
            assertEquals(List.of("default", "Show me how"), first.actions());
            assertEquals((byte) 2, first.hints().get("urgency").getValue());
            assertEquals(42, server.shown.get(1).replaces(), "the second notice replaces the first instead of piling up");
            assertEquals((byte) 1, server.shown.get(1).hints().get("urgency").getValue());

            // the user clicks "Show me how" on the notice now showing
            desktop.sendMessage(new Notifications.ActionInvoked(Notifications.OBJECT_PATH, new UInt32(42), "Show me how"));
            assertEquals("firewall", opened.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void withoutANotificationServerThereIsNoNotifierSoTheTrayIsUsed() throws Exception {
        String address = startBus();
        try (SessionBus bus = new SessionBus(Optional.of(address))) {
            assertTrue(FreedesktopNotifier.connect(bus, p -> { }).isEmpty());
        }
        assertTrue(FreedesktopNotifier.connect(new SessionBus(Optional.of("unix:path=/nonexistent/bus")), p -> { }).isEmpty(), "no bus at all");
    }
}
