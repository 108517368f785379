package dev.auscult.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tray icon as a StatusNotifierItem on a real private session bus (dbus-daemon) with the real
 * StatusNotifierWatcher of Debian's status-notifier-item package; the test then plays the panel (the
 * host): it reads the item's properties, fetches the menu, clicks in it, and restarts the watcher.
 */
class StatusNotifierTrayTest {

    private static final Path WATCHER = Path.of("/usr/bin/status-notifier-watcher");

    private PrivateSessionBus daemon;
    private Process watcher;
    private String address;
    private DBusConnection host;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void startBus() throws Exception {
        boolean present = Files.isExecutable(WATCHER);
        if (!present && "1".equals(System.getenv("AUSCULT_REQUIRE_DESKTOP"))) {
            throw new IllegalStateException("AUSCULT_REQUIRE_DESKTOP=1 but " + WATCHER + " is missing");
        }
        Assumptions.assumeTrue(present, "no StatusNotifierWatcher (Debian: apt install haskell-status-notifier-item-utils); skipped");
        daemon = new PrivateSessionBus();
        address = daemon.address();
        host = daemon.connect();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        stopWatcher();
        if (daemon != null) {
            daemon.close();
        }
    }

    private void startWatcher() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(WATCHER.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        watcher = pb.start();
        await("the watcher owns its name", () -> owner(StatusNotifierWatcher.BUS_NAME));
    }

    private void stopWatcher() throws InterruptedException {
        if (watcher != null) {
            watcher.destroy();
            watcher.waitFor(5, TimeUnit.SECONDS);
            watcher = null;
        }
    }

    private boolean owner(String name) {
        try {
            return host.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class).NameHasOwner(name);
        } catch (Exception e) {
            return false;
        }
    }

    private List<String> registered() throws Exception {
        return host.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.OBJECT_PATH, StatusNotifierWatcher.class)
                .getRegisteredStatusNotifierItems();
    }

    private boolean registeredNow() {
        try {
            return registered().stream().anyMatch(s -> s.startsWith(itemName()));
        } catch (Exception e) {
            return false;
        }
    }

    private static String itemName() {
        return "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** What a C client sees: dbus-send's rendering of the reply's last line. */
    private String dbusSend(String method, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("dbus-send", "--bus=" + address, "--print-reply", "--dest=" + itemName(),
                StatusNotifierItem.OBJECT_PATH, method));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out.lines().reduce((a, b) -> b).orElse("").strip();
    }

    private static StatusNotifierTray.Look look(StatusNotifierTray.Status status, String tooltip) {
        return new StatusNotifierTray.Look(status, List.of(new StatusNotifierItem.IconPixmap(2, 1, new byte[] {
                (byte) 0xFF, (byte) 0xCF, 0x22, 0x2E, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})), "Auscult", tooltip);
    }

    private StatusNotifierTray connect(StatusNotifierTray.Look look, BlockingQueue<String> clicks, BlockingQueue<Boolean> hosts) {
        SessionBus bus = new SessionBus(Optional.of(address));
        closing.add(bus);
        StatusNotifierTray tray = StatusNotifierTray.connect(bus, look, () -> clicks.add("activate"), Runnable::run, hosts::add)
                .orElseThrow();
        closing.add(tray);
        return tray;
    }

    @Test
    void theIconIsRegisteredAndAHostReadsItsStateTooltipAndIcon() throws Exception {
        startWatcher();
        BlockingQueue<String> clicks = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> hosts = new LinkedBlockingQueue<>();
        StatusNotifierTray tray = connect(look(StatusNotifierTray.Status.NEEDS_ATTENTION, "2 settings need attention"), clicks, hosts);
        assertEquals(true, hosts.poll(10, TimeUnit.SECONDS));
        assertTrue(tray.registered());
        await("the watcher lists the item", this::registeredNow);

        Properties item = host.getRemoteObject(itemName(), StatusNotifierItem.OBJECT_PATH, Properties.class);
        String iface = "org.kde.StatusNotifierItem";
        assertEquals("NeedsAttention", item.Get(iface, "Status"));
        assertEquals("auscult", item.Get(iface, "Id"));
        assertEquals(false, item.Get(iface, "ItemIsMenu"), "a click opens the window; the menu is on the other button");
        assertEquals(new DBusPath(DbusMenu.OBJECT_PATH).getPath(), item.<DBusPath>Get(iface, "Menu").getPath());
        Map<String, Variant<?>> all = item.GetAll(iface);
        assertTrue(all.keySet().containsAll(List.of("Category", "Title", "IconPixmap", "ToolTip", "WindowId")), all.keySet().toString());

        Object[] tip = item.Get(iface, "ToolTip");
        assertEquals("Auscult", tip[2]);
        assertEquals("2 settings need attention", tip[3]);
        List<Object[]> pixmaps = item.Get(iface, "IconPixmap");
        assertEquals(2, pixmaps.get(0)[0]);
        assertEquals(8, ((List<?>) pixmaps.get(0)[2]).size());
        // on the wire Get answers with a variant, as panels (GLib, Qt, Haskell's dbus) insist
        assertEquals("variant       string \"NeedsAttention\"", dbusSend("org.freedesktop.DBus.Properties.Get",
                "string:org.kde.StatusNotifierItem", "string:Status"));

        // the host hears a change of state and reads it again
        BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        host.addSigHandler(StatusNotifierItem.NewStatus.class, s -> signals.add("status " + s.status));
        host.addSigHandler(StatusNotifierItem.NewToolTip.class, s -> signals.add("tooltip"));
        tray.show(look(StatusNotifierTray.Status.ACTIVE, "all checks pass"));
        assertEquals("status Active", signals.poll(10, TimeUnit.SECONDS));
        assertEquals("tooltip", signals.poll(10, TimeUnit.SECONDS));
        assertEquals("all checks pass", item.<Object[]>Get(iface, "ToolTip")[3]);

        host.getRemoteObject(itemName(), StatusNotifierItem.OBJECT_PATH, StatusNotifierItem.class).Activate(10, 10);
        assertEquals("activate", clicks.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void theMenuIsServedAsDbusmenuAndItsClicksRunTheEntries() throws Exception {
        startWatcher();
        BlockingQueue<String> clicks = new LinkedBlockingQueue<>();
        StatusNotifierTray tray = connect(look(StatusNotifierTray.Status.ACTIVE, "ok"), clicks, new LinkedBlockingQueue<>());
        BlockingQueue<Long> layouts = new LinkedBlockingQueue<>();
        host.addSigHandler(DbusMenu.LayoutUpdated.class, s -> layouts.add(s.revision.longValue()));
        tray.menu(List.of(
                new MenuEntry.Item("open", "Open Auscult", true, () -> clicks.add("open")),
                new MenuEntry.Item("rescan", "Scanning…", false, () -> clicks.add("rescan")),
                new MenuEntry.Separator("sep-1"),
                new MenuEntry.Check("launch-at-login", "Launch at login", true, () -> clicks.add("toggle login")),
                new MenuEntry.Submenu("help", "Help", List.of(
                        new MenuEntry.Item("help-wiki", "IT_wiki", true, () -> clicks.add("wiki")))),
                new MenuEntry.Item("quit", "Quit Auscult", true, () -> clicks.add("quit"))));
        long first = layouts.poll(10, TimeUnit.SECONDS);

        DbusMenu menu = host.getRemoteObject(itemName(), DbusMenu.OBJECT_PATH, DbusMenu.class);
        DbusMenu.LayoutReply<UInt32, DbusMenu.Layout> reply = menu.GetLayout(0, -1, List.of());
        assertEquals(first, reply.revision.longValue());
        List<DbusMenu.Layout> top = children(reply.layout);
        assertEquals(List.of("Open Auscult", "Scanning…", "", "Launch at login", "Help", "Quit Auscult"),
                top.stream().map(l -> String.valueOf(l.properties.getOrDefault("label", new Variant<>("")).getValue())).toList());
        assertEquals(false, top.get(1).properties.get("enabled").getValue(), "a disabled entry says so");
        assertEquals("separator", top.get(2).properties.get("type").getValue());
        assertEquals("checkmark", top.get(3).properties.get("toggle-type").getValue());
        assertEquals(1, top.get(3).properties.get("toggle-state").getValue());
        assertEquals("submenu", top.get(4).properties.get("children-display").getValue());
        assertEquals("IT__wiki", children(top.get(4)).get(0).properties.get("label").getValue(), "underscores are not access keys");
        assertEquals(List.of(), menu.GetLayout(0, 0, List.of()).layout.children, "depth 0: the root alone");

        menu.Event(top.get(0).id, "clicked", new Variant<>(0), new UInt32(0));
        menu.Event(top.get(1).id, "clicked", new Variant<>(0), new UInt32(0));
        menu.Event(top.get(3).id, "clicked", new Variant<>(0), new UInt32(0));
        menu.Event(top.get(5).id, "hovered", new Variant<>(0), new UInt32(0));
        menu.Event(children(top.get(4)).get(0).id, "clicked", new Variant<>(0), new UInt32(0));
        assertEquals("open", clicks.poll(10, TimeUnit.SECONDS));
        assertEquals("toggle login", clicks.poll(10, TimeUnit.SECONDS), "the disabled entry did nothing");
        assertEquals("wiki", clicks.poll(10, TimeUnit.SECONDS), "hovering is not choosing");
        assertEquals(List.of(9999), menu.EventGroup(List.of(new DbusMenu.EventEntry(9999, "clicked", new Variant<>(0), new UInt32(0)))));

        // a rebuilt menu keeps each entry's id, so a click on the menu the host drew before still does what it said
        int quit = top.get(5).id;
        tray.menu(List.of(new MenuEntry.Item("rescan", "Rescan now", true, () -> clicks.add("rescan")),
                new MenuEntry.Item("quit", "Quit Auscult", true, () -> clicks.add("quit"))));
        assertTrue(layouts.poll(10, TimeUnit.SECONDS) > first);
        List<DbusMenu.Layout> now = children(menu.GetLayout(0, -1, List.of()).layout);
        assertEquals(top.get(1).id, now.get(0).id);
        assertEquals(quit, now.get(1).id);
        menu.Event(quit, "clicked", new Variant<>(0), new UInt32(0));
        assertEquals("quit", clicks.poll(10, TimeUnit.SECONDS));

        tray.menu(List.of(new MenuEntry.Item("rescan", "Rescan now", true, () -> { }),
                new MenuEntry.Item("quit", "Quit Auscult", true, () -> { })));
        assertEquals(null, layouts.poll(300, TimeUnit.MILLISECONDS), "the same menu again is not announced");
    }

    /** A child arrives as a Variant holding the struct's fields, as any host's D-Bus library sees it. */
    @SuppressWarnings("unchecked")
    private static List<DbusMenu.Layout> children(DbusMenu.Layout layout) {
        return layout.children.stream().map(v -> {
            Object[] fields = (Object[]) v.getValue();
            return new DbusMenu.Layout((Integer) fields[0], (Map<String, Variant<?>>) fields[1], (List<Variant<?>>) fields[2]);
        }).toList();
    }

    @Test
    void theIconComesBackWhenTheWatcherRestartsOrStartsAfterUs() throws Exception {
        BlockingQueue<Boolean> hosts = new LinkedBlockingQueue<>();
        StatusNotifierTray tray = connect(look(StatusNotifierTray.Status.ACTIVE, "ok"), new LinkedBlockingQueue<>(), hosts);
        assertFalse(tray.registered(), "no panel yet (a login where the panel starts later)");

        startWatcher();
        assertEquals(true, hosts.poll(10, TimeUnit.SECONDS));
        await("the watcher lists the item", this::registeredNow);

        stopWatcher();
        assertEquals(false, hosts.poll(10, TimeUnit.SECONDS));
        startWatcher();
        assertEquals(true, hosts.poll(10, TimeUnit.SECONDS), "registered again with the new watcher");
        await("the new watcher lists the item", this::registeredNow);
    }

    @Test
    void hidingGivesUpTheIconAndShowingRegistersItAgain() throws Exception {
        startWatcher();
        StatusNotifierTray tray = connect(look(StatusNotifierTray.Status.ACTIVE, "ok"), new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        await("the watcher lists the item", this::registeredNow);
        tray.setVisible(false);
        await("the watcher dropped the item", () -> !registeredNow());
        tray.setVisible(true);
        await("the watcher lists the item again", this::registeredNow);
    }

    @Test
    void withoutASessionBusThereIsNoStatusNotifierTray() {
        assertTrue(StatusNotifierTray.connect(new SessionBus(Optional.of("unix:path=/nonexistent/bus")), look(StatusNotifierTray.Status.ACTIVE, ""),
                () -> { }, Runnable::run, b -> { }).isEmpty());
    }
}
