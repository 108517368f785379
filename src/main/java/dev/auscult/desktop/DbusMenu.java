package dev.auscult.desktop;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The menu protocol StatusNotifierItem hosts use (com.canonical.dbusmenu): the host asks for the
 * layout, draws the menu with the desktop's own toolkit (themed, keyboard navigable) and reports
 * clicks back as events.
 */
@DBusInterfaceName("com.canonical.dbusmenu")
public interface DbusMenu extends DBusInterface {

    String OBJECT_PATH = "/MenuBar";

    /* Its properties (Version, TextDirection, Status, IconThemePath) are served like StatusNotifierItem's. */

    /** @param depth -1 for every level */
    LayoutReply<UInt32, Layout> GetLayout(int parentId, int depth, List<String> propertyNames);

    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    /** @param eventId "clicked", "hovered", "opened", "closed" */
    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** @return the ids that were not found */
    List<Integer> EventGroup(List<EventEntry> events);

    /** @return whether the layout must be fetched again before showing */
    boolean AboutToShow(int id);

    AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** A menu item, its properties and its children (each a Variant holding a Layout). */
    final class Layout extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;
        @Position(2)
        public final List<Variant<?>> children;

        public Layout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /** (revision, layout); generic for dbus-java, like {@link AboutToShowGroupReply}. */
    final class LayoutReply<A, B> extends Tuple {
        @Position(0)
        public final A revision;
        @Position(1)
        public final B layout;

        public LayoutReply(A revision, B layout) {
            this.revision = revision;
            this.layout = layout;
        }
    }

    final class ItemProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    final class RemovedProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final List<String> names;

        public RemovedProperties(int id, List<String> names) {
            this.id = id;
            this.names = names;
        }
    }

    final class EventEntry extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final String eventId;
        @Position(2)
        public final Variant<?> data;
        @Position(3)
        public final UInt32 timestamp;

        public EventEntry(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /**
     * (ids whose layout changed, ids not found). Generic because dbus-java reads a reply's element types
     * from the type arguments of a generic tuple, not from its fields.
     */
    final class AboutToShowGroupReply<A, B> extends Tuple {
        @Position(0)
        public final A updatesNeeded;
        @Position(1)
        public final B idErrors;

        public AboutToShowGroupReply(A updatesNeeded, B idErrors) {
            this.updatesNeeded = updatesNeeded;
            this.idErrors = idErrors;
        }
    }

    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }

    class ItemsPropertiesUpdated extends DBusSignal {
        public final List<ItemProperties> updated;
        public final List<RemovedProperties> removed;

        public ItemsPropertiesUpdated(String path, List<ItemProperties> updated, List<RemovedProperties> removed) throws DBusException {
            super(path, updated, removed);
            this.updated = updated;
            this.removed = removed;
        }
    }
}
