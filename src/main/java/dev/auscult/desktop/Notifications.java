package dev.auscult.desktop;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The freedesktop.org Desktop Notifications interface (the part Auscult uses), as every Linux desktop's
 * notification server offers it on the session bus: GNOME Shell, KDE Plasma, XFCE, dunst, mako.
 */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface Notifications extends DBusInterface {

    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /** Shows (or, with {@code replacesId} of an earlier one, replaces) a notification; returns its id. */
    @DBusMemberName("Notify")
    UInt32 send(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
                Map<String, Variant<?>> hints, int expireTimeout);

    /** What the server can do, e.g. "actions", "body-markup". */
    @DBusMemberName("GetCapabilities")
    List<String> capabilities();

    /** The user chose one of the notification's actions ("default" is a click on the notification itself). */
    class ActionInvoked extends DBusSignal {
        public final UInt32 id;
        public final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }
    }
}
