package dev.auscult.desktop;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * The StatusNotifierItem interface (the tray icon of KDE Plasma, GNOME's AppIndicator extension, XFCE,
 * waybar, Sway…), the part Auscult offers. Its name keeps the "org.kde" prefix every host expects.
 */
@DBusInterfaceName("org.kde.StatusNotifierItem")
public interface StatusNotifierItem extends DBusInterface {

    String OBJECT_PATH = "/StatusNotifierItem";

    /*
     * Its properties (Category, Id, Title, Status, IconPixmap, ToolTip, ItemIsMenu, Menu…) are served
     * through org.freedesktop.DBus.Properties by the exported object itself: dbus-java 5.2's bound
     * properties answer Get with the bare value instead of a variant, which real hosts reject.
     */

    /** Primary click on the icon. */
    void Activate(int x, int y);

    /** Middle click. */
    void SecondaryActivate(int x, int y);

    /** Asked by hosts that cannot show the dbusmenu themselves. */
    void ContextMenu(int x, int y);

    void Scroll(int delta, String orientation);

    /** One image of the icon: ARGB32, network byte order, row by row. */
    final class IconPixmap extends Struct {
        @Position(0)
        public final int width;
        @Position(1)
        public final int height;
        @Position(2)
        public final byte[] argb;

        public IconPixmap(int width, int height, byte[] argb) {
            this.width = width;
            this.height = height;
            this.argb = argb;
        }
    }

    final class ToolTip extends Struct {
        @Position(0)
        public final String iconName;
        @Position(1)
        public final List<IconPixmap> icon;
        @Position(2)
        public final String title;
        @Position(3)
        public final String description;

        public ToolTip(String iconName, List<IconPixmap> icon, String title, String description) {
            this.iconName = iconName;
            this.icon = icon;
            this.title = title;
            this.description = description;
        }
    }

    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    class NewTitle extends DBusSignal {
        public NewTitle(String path) throws DBusException {
            super(path);
        }
    }

    class NewStatus extends DBusSignal {
        public final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
