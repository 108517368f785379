package dev.auscult.desktop;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Notifications through the desktop's own notification server (org.freedesktop.Notifications on the
 * session bus): the app's name and icon, an urgency, a "Show me how" action that opens the window at the
 * practice, and each notice replacing the previous one instead of piling up. Replaces the AWT balloon,
 * which modern Linux desktops draw as a grey box in a corner, if at all.
 */
public final class FreedesktopNotifier {

    private static final System.Logger LOG = System.getLogger(FreedesktopNotifier.class.getName());
    static final String APP_NAME = "Auscult";
    /** The icon the .deb installs in the hicolor theme. */
    static final String APP_ICON = "auscult";

    private final Notifications server;
    private final boolean markup;
    private final boolean actions;
    /** Which practice each of our notifications is about, for its action. */
    private final Map<UInt32, String> about = new ConcurrentHashMap<>();
    private volatile UInt32 last = new UInt32(0);

    private FreedesktopNotifier(Notifications server, List<String> capabilities) {
        this.server = server;
        this.markup = capabilities.contains("body-markup");
        this.actions = capabilities.contains("actions");
    }

    /**
     * Finds the notification server on {@code bus}, which stays the caller's; empty when there is no bus
     * or no server, so the caller falls back.
     *
     * @param onAction called with the practice key when the user picks "Show me how" (or clicks the notice)
     */
    public static Optional<FreedesktopNotifier> connect(SessionBus bus, Consumer<String> onAction) {
        return bus.get().flatMap(connection -> find(connection, onAction));
    }

    private static Optional<FreedesktopNotifier> find(DBusConnection bus, Consumer<String> onAction) {
        try {
            if (!SessionBus.hasOwner(bus, Notifications.BUS_NAME)) {
                return Optional.empty();
            }
            Notifications server = bus.getRemoteObject(Notifications.BUS_NAME, Notifications.OBJECT_PATH, Notifications.class);
            FreedesktopNotifier notifier = new FreedesktopNotifier(server, server.capabilities());
            bus.addSigHandler(Notifications.ActionInvoked.class, signal -> {
                String practice = notifier.about.get(signal.id);
                if (practice != null) {
                    onAction.accept(practice);
                }
            });
            return Optional.of(notifier);
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "no desktop notification service on D-Bus ({0}); using the tray''s", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Shows a notification, replacing the previous one. Returns false when the server refused or went
     * away (the caller falls back for this one).
     *
     * @param practice the practice the "Show me how" action opens, if any
     */
    public boolean show(String title, String message, Optional<String> practice, boolean urgent) {
        return show(title, message, practice, urgent, "Show me how");
    }

    /** @param actionLabel the action's words in the display language */
    public boolean show(String title, String message, Optional<String> practice, boolean urgent, String actionLabel) {
        List<String> acts = new ArrayList<>();
        if (practice.isPresent() && actions) {
            acts.add("default");
            acts.add(actionLabel);
        }
        Map<String, Variant<?>> hints = new HashMap<>();
        hints.put("urgency", new Variant<>((byte) (urgent ? 2 : 1)));
        hints.put("desktop-entry", new Variant<>("auscult"));
        try {
            UInt32 id = server.send(APP_NAME, last, APP_ICON, title, markup ? escape(message) : message, acts, hints, -1);
            about.remove(last);
            practice.ifPresent(p -> about.put(id, p));
            last = id;
            return true;
        } catch (RuntimeException e) { // DBusExecutionException and a connection that went away
            LOG.log(Level.INFO, "the notification server did not take the notification: {0}", e.getMessage());
            return false;
        }
    }

    /** Servers that read markup would otherwise take a '<' in a reason for a tag. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

}
