package dev.auscult.ui.tray;

import dev.auscult.app.AgentState;
import dev.auscult.desktop.MenuEntry;
import dev.auscult.desktop.StatusNotifierItem.IconPixmap;
import dev.auscult.desktop.StatusNotifierTray;
import dev.auscult.posture.Verdict;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tray icon as a StatusNotifierItem (Linux panels: KDE Plasma, GNOME with AppIndicator, XFCE,
 * waybar…): our drawn icon in the sizes panels use, the tooltip, and the menu over dbusmenu, drawn by
 * the panel in the desktop's own style. FX thread only; the D-Bus side runs the menu's actions back on it.
 */
public final class StatusNotifierTrayIcon implements Tray {

    /** Panels pick the closest size: 16 and 22/24 px for bars, 32/48 on HiDPI and in overflow menus. */
    private static final int[] SIZES = {16, 22, 24, 32, 48, 64};

    private final StatusNotifierTray tray;
    /** Showing and hiding talk to the bus: off the FX thread, in the order asked. */
    private final java.util.concurrent.ExecutorService visibility =
            java.util.concurrent.Executors.newSingleThreadExecutor(dev.auscult.platform.Background.virtualThreads("auscult-sni-visibility"));
    private IconKey shownKey;
    private List<IconPixmap> shownIcon;

    private record IconKey(Optional<Verdict> verdict, boolean scanning, int failing) {
    }

    StatusNotifierTrayIcon(StatusNotifierTray tray) {
        this.tray = tray;
    }

    /** What the icon looks like before the first state arrives: scanning, and its tooltip says so in {@code scanning}'s words. */
    static StatusNotifierTray.Look initialLook(String scanning) {
        return new StatusNotifierTray.Look(StatusNotifierTray.Status.ACTIVE, pixmaps(new IconKey(Optional.empty(), true, 0)), "Auscult",
                scanning);
    }

    @Override
    public void update(AgentState state, String tooltip, List<TrayMenu.Item> menu) {
        IconKey key = new IconKey(state.report().flatMap(r -> r.status()), state.scanning(), TrayStatusText.failing(state));
        if (!key.equals(shownKey)) {
            // the same pixmap objects while the icon stays the same, so the panel is not told to redraw
            shownKey = key;
            shownIcon = pixmaps(key);
        }
        StatusNotifierTray.Status status = key.verdict().orElse(Verdict.PASS) == Verdict.FAIL && !key.scanning()
                ? StatusNotifierTray.Status.NEEDS_ATTENTION : StatusNotifierTray.Status.ACTIVE;
        tray.show(new StatusNotifierTray.Look(status, shownIcon, "Auscult", tooltip));
        tray.menu(entries(menu, ""));
    }

    static List<MenuEntry> entries(List<TrayMenu.Item> items, String path) {
        List<MenuEntry> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(switch (items.get(i)) {
                case TrayMenu.Action a -> new MenuEntry.Item(a.id(), a.label(), true, a.run());
                case TrayMenu.Toggle t -> new MenuEntry.Check(t.id(), t.label(), t.selected(), () -> t.change().accept(!t.selected()));
                case TrayMenu.SubMenu s -> new MenuEntry.Submenu("menu-" + path + i, s.label(), entries(s.items(), path + i + "."));
                case TrayMenu.Separator sep -> new MenuEntry.Separator("separator-" + path + i);
            });
        }
        return out;
    }

    private static List<IconPixmap> pixmaps(IconKey key) {
        List<IconPixmap> out = new ArrayList<>();
        for (int size : SIZES) {
            out.add(argb(TrayIcons.render(key.verdict(), key.scanning(), key.failing(), size)));
        }
        return List.copyOf(out);
    }

    /** StatusNotifierItem pixmaps are ARGB32 in network byte order. */
    static IconPixmap argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] bytes = new byte[pixels.length * 4];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            bytes[4 * i] = (byte) (p >>> 24);
            bytes[4 * i + 1] = (byte) (p >>> 16);
            bytes[4 * i + 2] = (byte) (p >>> 8);
            bytes[4 * i + 3] = (byte) p;
        }
        return new IconPixmap(w, h, bytes);
    }

    @Override
    public boolean showing() {
        return tray.registered();
    }

    @Override
    public boolean balloon(String title, String message) {
        return false; // a StatusNotifierItem has no balloons: notifications are the desktop's
    }

    @Override
    public void setVisible(boolean visible) {
        visibility.execute(() -> tray.setVisible(visible));
    }

    @Override
    public void remove() {
        visibility.shutdownNow();
        tray.close();
    }
}
