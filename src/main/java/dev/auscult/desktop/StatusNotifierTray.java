package dev.auscult.desktop;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The tray icon as a StatusNotifierItem on the session bus, with its menu over com.canonical.dbusmenu:
 * what KDE Plasma, GNOME's AppIndicator extension, XFCE, Cinnamon, waybar and Sway show (none of them
 * shows the XEmbed icons AWT makes any more). The desktop draws the icon and the menu in its own style,
 * so the menu is themed and works by keyboard.
 *
 * <p>The item is registered with the desktop's StatusNotifierWatcher when there is one, and again
 * whenever a watcher appears or restarts (a panel starting after us at login, or restarted), so the
 * icon never stays lost. Thread-safe.
 */
public final class StatusNotifierTray implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StatusNotifierTray.class.getName());
    private static final String PIXMAPS = "a(iiay)";

    /** How the icon looks and what its tooltip says. */
    public record Look(Status status, List<StatusNotifierItem.IconPixmap> icon, String title, String tooltip) {
        public Look {
            Objects.requireNonNull(status);
            icon = List.copyOf(icon);
        }
    }

    /** The item's status: hosts may tuck a passive item away and make one that needs attention stand out. */
    public enum Status {
        ACTIVE("Active"), PASSIVE("Passive"), NEEDS_ATTENTION("NeedsAttention");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    private final DBusConnection bus;
    private final String name;
    private final Item item;
    private final DbusMenuObject menu;
    private final Consumer<Boolean> onHost;
    private volatile boolean visible = true;
    private volatile boolean registered;
    private AutoCloseable watching;

    private StatusNotifierTray(DBusConnection bus, String name, Look look, Runnable onActivate, Executor ui, Consumer<Boolean> onHost) {
        this.bus = bus;
        this.name = name;
        this.onHost = onHost;
        this.item = new Item(look, () -> ui.execute(onActivate));
        this.menu = new DbusMenuObject(ui);
    }

    /**
     * Publishes the item on {@code bus}, which stays the caller's. Empty when there is no session bus:
     * the caller uses another tray. With a bus but no watcher yet, the item waits for one.
     *
     * @param onActivate a click on the icon (run on {@code ui})
     * @param ui where the icon's and menu's actions run
     * @param onHost told (on a D-Bus thread) whether a watcher has the icon now
     */
    public static Optional<StatusNotifierTray> connect(SessionBus bus, Look look, Runnable onActivate, Executor ui, Consumer<Boolean> onHost) {
        return bus.get().flatMap(connection -> publish(connection, look, onActivate, ui, onHost));
    }

    private static Optional<StatusNotifierTray> publish(DBusConnection bus, Look look, Runnable onActivate, Executor ui, Consumer<Boolean> onHost) {
        try {
            String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
            StatusNotifierTray tray = new StatusNotifierTray(bus, name, look, onActivate, ui, onHost);
            bus.exportObject(StatusNotifierItem.OBJECT_PATH, tray.item);
            bus.exportObject(DbusMenu.OBJECT_PATH, tray.menu);
            bus.requestBusName(name);
            tray.watching = bus.addSigHandler(DBus.NameOwnerChanged.class, tray::watcherChanged);
            tray.register();
            return Optional.of(tray);
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "the tray icon could not be published on the session bus: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the session has a StatusNotifierWatcher, i.e. a panel that shows such icons. */
    public boolean watcherPresent() {
        return SessionBus.hasOwner(bus, StatusNotifierWatcher.BUS_NAME);
    }

    /** Whether a watcher has our icon now. */
    public boolean registered() {
        return registered;
    }

    private void watcherChanged(DBus.NameOwnerChanged change) {
        if (!StatusNotifierWatcher.BUS_NAME.equals(change.name)) {
            return;
        }
        if (change.newOwner.isEmpty()) {
            LOG.log(Level.INFO, "the desktop's StatusNotifierWatcher went away; the icon comes back with it");
            hostChanged(false);
        } else {
            // a new watcher (a panel started or restarted) knows nothing of us: announce the icon again,
            // off the bus's signal thread, which the call's reply needs
            Thread.ofVirtual().name("auscult-sni-register").start(this::register);
        }
    }

    /**
     * Registers with the watcher, trying again for a few seconds when it refuses: a watcher takes its bus
     * name before it serves its object, so the call right after it appears can fail.
     */
    private void register() {
        long pause = 50;
        for (int attempt = 1; ; attempt++) {
            Optional<String> refusal = tryRegister();
            if (refusal.isEmpty()) {
                return;
            }
            if (attempt == 8) {
                LOG.log(Level.INFO, "the StatusNotifierWatcher refused the tray icon: {0}", refusal.get());
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause *= 2;
        }
    }

    /** @return why the watcher refused; empty when registered, hidden or there is no watcher to ask */
    private synchronized Optional<String> tryRegister() {
        if (!visible) {
            return Optional.empty();
        }
        if (!watcherPresent()) {
            LOG.log(Level.INFO, "no StatusNotifierWatcher yet; the tray icon is registered when one starts");
            hostChanged(false);
            return Optional.empty();
        }
        try {
            bus.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.OBJECT_PATH, StatusNotifierWatcher.class)
                    .RegisterStatusNotifierItem(name);
            LOG.log(Level.INFO, "tray icon registered with the desktop's StatusNotifierWatcher");
            hostChanged(true);
            return Optional.empty();
        } catch (DBusException | RuntimeException e) {
            hostChanged(false);
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage()));
        }
    }

    private void hostChanged(boolean now) {
        if (registered != now) {
            registered = now;
            onHost.accept(now);
        }
    }

    /** Shows a new icon, status and tooltip; only what changed is signalled. */
    public void show(Look look) {
        Look before = item.look;
        item.look = look;
        if (!before.icon().equals(look.icon())) {
            send(sig(() -> new StatusNotifierItem.NewIcon(StatusNotifierItem.OBJECT_PATH)));
        }
        if (before.status() != look.status()) {
            send(sig(() -> new StatusNotifierItem.NewStatus(StatusNotifierItem.OBJECT_PATH, look.status().wire)));
        }
        if (!before.tooltip().equals(look.tooltip()) || !before.title().equals(look.title())) {
            send(sig(() -> new StatusNotifierItem.NewTitle(StatusNotifierItem.OBJECT_PATH)));
            send(sig(() -> new StatusNotifierItem.NewToolTip(StatusNotifierItem.OBJECT_PATH)));
        }
    }

    /** Shows a new menu; hosts are told to fetch it only when it changed. */
    public void menu(List<MenuEntry> entries) {
        menu.replace(entries).ifPresent(revision -> send(sig(() -> new DbusMenu.LayoutUpdated(DbusMenu.OBJECT_PATH, revision, 0))));
    }

    /**
     * Hides the icon by giving up the item's bus name (every watcher then drops it) and shows it again by
     * taking the name back and registering anew.
     */
    public void setVisible(boolean show) {
        synchronized (this) {
            if (show == visible) {
                return;
            }
            visible = show;
            try {
                if (show) {
                    bus.requestBusName(name);
                } else {
                    bus.releaseBusName(name);
                    return;
                }
            } catch (DBusException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not " + (show ? "show" : "hide") + " the tray icon: " + e.getMessage());
                return;
            }
        }
        register();
    }

    private interface SignalMaker {
        DBusSignal make() throws DBusException;
    }

    private static DBusSignal sig(SignalMaker maker) {
        try {
            return maker.make();
        } catch (DBusException e) {
            throw new IllegalStateException(e); // constant, valid paths: cannot happen
        }
    }

    private void send(DBusSignal signal) {
        try {
            bus.sendMessage(signal);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "tray signal not sent: {0}", e.getMessage());
        }
    }

    /** Takes the icon off the bus; the connection stays open for its other users. */
    @Override
    public synchronized void close() {
        visible = false;
        try {
            if (watching != null) {
                watching.close();
            }
            bus.unExportObject(StatusNotifierItem.OBJECT_PATH);
            bus.unExportObject(DbusMenu.OBJECT_PATH);
            bus.releaseBusName(name);
        } catch (Exception e) { // the bus may be gone already: nothing left to take down then
            LOG.log(Level.DEBUG, "taking the tray icon off the bus: {0}", e.getMessage());
        }
    }

    /** The exported item: reads the current look; clicks go to the UI. */
    private static final class Item extends ReadOnlyProperties implements StatusNotifierItem {
        volatile Look look;
        private final Runnable activate;

        Item(Look look, Runnable activate) {
            this.look = look;
            this.activate = activate;
        }

        @Override
        String propertiesInterface() {
            return "org.kde.StatusNotifierItem";
        }

        @Override
        Map<String, Variant<?>> properties() {
            Look now = look;
            Map<String, Variant<?>> p = new LinkedHashMap<>();
            p.put("Category", new Variant<>("SystemServices"));
            p.put("Id", new Variant<>("auscult"));
            p.put("Title", new Variant<>(now.title()));
            p.put("Status", new Variant<>(now.status().wire));
            p.put("WindowId", new Variant<>(0));
            // drawn here (state and failure badge), not taken from the icon theme
            p.put("IconName", new Variant<>(""));
            p.put("IconPixmap", new Variant<>(now.icon(), PIXMAPS));
            p.put("AttentionIconName", new Variant<>(""));
            p.put("AttentionIconPixmap", new Variant<>(now.icon(), PIXMAPS));
            p.put("OverlayIconName", new Variant<>(""));
            p.put("ToolTip", new Variant<>(new ToolTip("", List.of(), now.title(), now.tooltip()), "(sa(iiay)ss)"));
            // a click is Activate (open the window); the menu is on the other button
            p.put("ItemIsMenu", new Variant<>(false));
            p.put("Menu", new Variant<>(new DBusPath(DbusMenu.OBJECT_PATH)));
            return p;
        }

        @Override
        public void Activate(int x, int y) {
            activate.run();
        }

        @Override
        public void SecondaryActivate(int x, int y) {
            activate.run();
        }

        @Override
        public void ContextMenu(int x, int y) {
            // only hosts that cannot draw the dbusmenu ask for this: the window has everything the menu has
            activate.run();
        }

        @Override
        public void Scroll(int delta, String orientation) {
            // nothing to scroll through
        }

        @Override
        public String getObjectPath() {
            return OBJECT_PATH;
        }
    }
}
