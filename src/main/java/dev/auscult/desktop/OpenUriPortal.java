package dev.auscult.desktop;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The desktop portal's OpenURI interface: how a sandboxed app (Flatpak, Snap) asks the desktop to open
 * a link in the user's browser or mail program, since it cannot run xdg-open itself.
 */
@DBusInterfaceName("org.freedesktop.portal.OpenURI")
public interface OpenUriPortal extends DBusInterface {

    String BUS_NAME = "org.freedesktop.portal.Desktop";
    String OBJECT_PATH = "/org/freedesktop/portal/desktop";

    /** @param parentWindow "" when there is no window to attach a chooser to */
    DBusPath OpenURI(String parentWindow, String uri, Map<String, Variant<?>> options);
}
