package dev.auscult.desktop;

import java.util.List;

/**
 * A tray menu entry as the desktop's menu protocol shows it. Each has a key that names what it does
 * ("rescan", "quit"): its id on the bus follows the key, so a click on a menu the host drew a moment
 * before a rebuild still does what the user saw.
 */
public sealed interface MenuEntry {

    String key();

    record Item(String key, String label, boolean enabled, Runnable run) implements MenuEntry {
    }

    record Check(String key, String label, boolean checked, Runnable toggle) implements MenuEntry {
    }

    record Submenu(String key, String label, List<MenuEntry> entries) implements MenuEntry {
        public Submenu {
            entries = List.copyOf(entries);
        }
    }

    record Separator(String key) implements MenuEntry {
    }
}
