package dev.auscult.desktop;

import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * org.freedesktop.DBus.Properties for an exported object whose properties are all read-only: Get
 * answers with a variant, as the specification and every host expect. A class, not an interface:
 * dbus-java would export an interface's methods on the bus.
 */
abstract class ReadOnlyProperties implements Properties {

    /** The interface the properties belong to. */
    abstract String propertiesInterface();

    /** Every property, current values. */
    abstract Map<String, Variant<?>> properties();

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> value = interfaceName.equals(propertiesInterface()) ? properties().get(propertyName) : null;
        if (value == null) {
            throw new DBusExecutionException("no property " + interfaceName + "." + propertyName);
        }
        return (A) value;
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new DBusExecutionException(interfaceName + "." + propertyName + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return interfaceName.equals(propertiesInterface()) ? properties() : Map.of();
    }
}
