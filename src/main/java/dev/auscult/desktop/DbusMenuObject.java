package dev.auscult.desktop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The tray menu served over com.canonical.dbusmenu. Item 0 is the root; every other id stays bound
 * to its entry's key for the life of the process. Called from D-Bus threads and the UI's; the entries
 * are replaced as a whole.
 */
final class DbusMenuObject extends ReadOnlyProperties implements DbusMenu {

    private final Executor ui;
    private final Map<String, Integer> ids = new HashMap<>();
    private List<MenuEntry> entries = List.of();
    private Map<Integer, MenuEntry> byId = Map.of();
    private long revision;
    private final String textDirection = rightToLeft(java.util.Locale.getDefault()) ? "rtl" : "ltr";

    /** @param ui where the entries' actions run */
    DbusMenuObject(Executor ui) {
        this.ui = ui;
    }

    private static boolean rightToLeft(java.util.Locale locale) {
        return java.util.Set.of("ar", "he", "fa", "ur", "yi", "ps", "sd", "ug").contains(locale.getLanguage());
    }

    /**
     * Takes a new menu. Returns its revision, which hosts must be told (LayoutUpdated) to fetch it again;
     * empty when nothing changed.
     */
    synchronized Optional<UInt32> replace(List<MenuEntry> menu) {
        if (same(entries, menu)) {
            return Optional.empty();
        }
        entries = List.copyOf(menu);
        Map<Integer, MenuEntry> index = new HashMap<>();
        indexAll(entries, index);
        byId = index;
        return Optional.of(new UInt32(++revision));
    }

    /** Entries hold lambdas, so two menus are the same when everything but the lambdas is. */
    private static boolean same(List<MenuEntry> a, List<MenuEntry> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameEntry(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameEntry(MenuEntry x, MenuEntry y) {
        if (x.getClass() != y.getClass() || !x.key().equals(y.key()) || !properties(x).equals(properties(y))) {
            return false;
        }
        return !(x instanceof MenuEntry.Submenu xs) || same(xs.entries(), ((MenuEntry.Submenu) y).entries());
    }

    private void indexAll(List<MenuEntry> list, Map<Integer, MenuEntry> index) {
        for (MenuEntry e : list) {
            index.put(idOf(e), e);
            if (e instanceof MenuEntry.Submenu s) {
                indexAll(s.entries(), index);
            }
        }
    }

    private int idOf(MenuEntry e) {
        return ids.computeIfAbsent(e.key(), k -> ids.size() + 1);
    }

    @Override
    public synchronized LayoutReply<UInt32, Layout> GetLayout(int parentId, int depth, List<String> propertyNames) {
        if (parentId == 0) {
            return new LayoutReply<>(new UInt32(revision), layout(0, rootProperties(), entries, depth, propertyNames));
        }
        MenuEntry parent = byId.get(parentId);
        if (parent == null) {
            throw new DBusExecutionException("no menu item " + parentId);
        }
        return new LayoutReply<>(new UInt32(revision), layoutOf(parent, depth, propertyNames));
    }

    private static Map<String, Variant<?>> rootProperties() {
        return Map.of("children-display", new Variant<>("submenu"));
    }

    private Layout layoutOf(MenuEntry e, int depth, List<String> names) {
        List<MenuEntry> children = e instanceof MenuEntry.Submenu s ? s.entries() : List.of();
        return layout(idOf(e), properties(e), children, depth, names);
    }

    private Layout layout(int id, Map<String, Variant<?>> props, List<MenuEntry> children, int depth, List<String> names) {
        List<Variant<?>> kids = new ArrayList<>();
        if (depth != 0) {
            for (MenuEntry child : children) {
                kids.add(new Variant<>(layoutOf(child, depth - 1, names), "(ia{sv}av)"));
            }
        }
        return new Layout(id, filter(props, names), kids);
    }

    private static Map<String, Variant<?>> filter(Map<String, Variant<?>> props, List<String> names) {
        if (names.isEmpty()) {
            return props;
        }
        Map<String, Variant<?>> kept = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (names.contains(k)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** The properties the dbusmenu specification defines; the defaults (enabled, visible, standard) are left out. */
    static Map<String, Variant<?>> properties(MenuEntry e) {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        switch (e) {
            case MenuEntry.Item i -> {
                p.put("label", new Variant<>(mnemonicFree(i.label())));
                if (!i.enabled()) {
                    p.put("enabled", new Variant<>(false));
                }
            }
            case MenuEntry.Check c -> {
                p.put("label", new Variant<>(mnemonicFree(c.label())));
                p.put("toggle-type", new Variant<>("checkmark"));
                p.put("toggle-state", new Variant<>(c.checked() ? 1 : 0));
            }
            case MenuEntry.Submenu s -> {
                p.put("label", new Variant<>(mnemonicFree(s.label())));
                p.put("children-display", new Variant<>("submenu"));
            }
            case MenuEntry.Separator sep -> p.put("type", new Variant<>("separator"));
        }
        return p;
    }

    /** In dbusmenu an underscore marks the access key; a label's own underscores are doubled. */
    private static String mnemonicFree(String label) {
        return label.replace("_", "__");
    }

    @Override
    public synchronized List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
        List<ItemProperties> out = new ArrayList<>();
        for (int id : ids) {
            if (id == 0) {
                out.add(new ItemProperties(0, filter(rootProperties(), propertyNames)));
            } else if (byId.containsKey(id)) {
                out.add(new ItemProperties(id, filter(properties(byId.get(id)), propertyNames)));
            }
        }
        return out;
    }

    @Override
    public synchronized Variant<?> GetProperty(int id, String name) {
        Map<String, Variant<?>> props = id == 0 ? rootProperties() : byId.containsKey(id) ? properties(byId.get(id)) : Map.of();
        Variant<?> v = props.get(name);
        if (v == null) {
            throw new DBusExecutionException("menu item " + id + " has no property " + name);
        }
        return v;
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        if (!"clicked".equals(eventId)) {
            return;
        }
        MenuEntry e;
        synchronized (this) {
            e = byId.get(id);
        }
        switch (e) {
            case MenuEntry.Item i when i.enabled() -> ui.execute(i.run());
            case MenuEntry.Check c -> ui.execute(c.toggle());
            case null, default -> {
                // a separator, a submenu's title, a disabled item or an id from an older menu: nothing to do
            }
        }
    }

    @Override
    public List<Integer> EventGroup(List<EventEntry> events) {
        List<Integer> unknown = new ArrayList<>();
        for (EventEntry e : events) {
            boolean known;
            synchronized (this) {
                known = byId.containsKey(e.id) || e.id == 0;
            }
            if (known) {
                Event(e.id, e.eventId, e.data, e.timestamp);
            } else {
                unknown.add(e.id);
            }
        }
        return unknown;
    }

    @Override
    public boolean AboutToShow(int id) {
        return false; // the layout is always current: it is pushed as it changes
    }

    @Override
    public AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
        return new AboutToShowGroupReply<>(List.of(), List.of());
    }

    @Override
    String propertiesInterface() {
        return "com.canonical.dbusmenu";
    }

    @Override
    Map<String, Variant<?>> properties() {
        return Map.of("Version", new Variant<>(new UInt32(3)), "TextDirection", new Variant<>(textDirection),
                "Status", new Variant<>("normal"), "IconThemePath", new Variant<>(List.of(), "as"));
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }
}
