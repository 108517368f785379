package dev.auscult.desktop;

import java.util.List;
import org.freedesktop.dbus.annotations.DBusBoundProperty;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The desktop's registry of tray items: an item announces itself here, hosts (panels) read it. */
@DBusInterfaceName("org.kde.StatusNotifierWatcher")
public interface StatusNotifierWatcher extends DBusInterface {

    String BUS_NAME = "org.kde.StatusNotifierWatcher";
    String OBJECT_PATH = "/StatusNotifierWatcher";

    /** @param service the item's bus name (its object is at /StatusNotifierItem) */
    void RegisterStatusNotifierItem(String service);

    @DBusBoundProperty(name = "RegisteredStatusNotifierItems", access = Access.READ)
    List<String> getRegisteredStatusNotifierItems();

    @DBusBoundProperty(name = "IsStatusNotifierHostRegistered", access = Access.READ)
    boolean getIsStatusNotifierHostRegistered();
}
