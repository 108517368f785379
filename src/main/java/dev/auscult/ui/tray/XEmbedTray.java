package dev.auscult.ui.tray;

import com.dustinredmond.fxtrayicon.FXTrayIcon;
import dev.auscult.app.AgentState;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;

/**
 * The tray icon through AWT's SystemTray (via FXTrayIcon): native on macOS and Windows, an XEmbed icon
 * on Linux desktops that still host those (XFCE, MATE, i3 with a tray). FX thread only.
 */
public final class XEmbedTray implements Tray {

    private final FXTrayIcon tray;
    private final SerialMenuRebuild<TrayMenu.Item> menu;
    private boolean shown = true;

    public XEmbedTray(Stage stage, Runnable onClick) {
        tray = new FXTrayIcon(stage, TrayIcons.render(Optional.empty(), true, 0, 64));
        tray.setApplicationTitle("Auscult");
        menu = new SerialMenuRebuild<>(java.awt.EventQueue::invokeLater, new SerialMenuRebuild.Sink<>() {
            @Override
            public void clear() {
                tray.clear();
            }

            @Override
            public void add(TrayMenu.Item item) {
                if (item instanceof TrayMenu.Separator) {
                    tray.addSeparator();
                } else {
                    tray.addMenuItem(render(item));
                }
            }
        });
        tray.setOnAction(e -> onClick.run());
        tray.show();
    }

    /** Whether AWT has a system tray here (on X11: whether some window owns the tray selection). */
    public static boolean isSupported() {
        return FXTrayIcon.isSupported();
    }

    @Override
    public void update(AgentState state, String tooltip, List<TrayMenu.Item> items) {
        tray.setGraphic(TrayIcons.render(state.report().flatMap(r -> r.status()), state.scanning(), TrayStatusText.failing(state), 64));
        tray.setTooltip("Auscult — " + tooltip);
        menu.rebuild(items);
    }

    @Override
    public boolean showing() {
        return true;
    }

    @Override
    public boolean balloon(String title, String message) {
        tray.showWarningMessage(title, message);
        return true;
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible != shown) {
            shown = visible;
            if (visible) {
                tray.show();
            } else {
                tray.hide();
            }
        }
    }

    @Override
    public void remove() {
        tray.hide();
    }

    private static MenuItem render(TrayMenu.Item item) {
        return switch (item) {
            case TrayMenu.Action a -> {
                MenuItem mi = new MenuItem(a.label());
                mi.setId(a.id());
                mi.setOnAction(e -> a.run().run());
                yield mi;
            }
            case TrayMenu.Toggle t -> {
                CheckMenuItem mi = new CheckMenuItem(t.label());
                mi.setId(t.id());
                mi.setSelected(t.selected());
                mi.setOnAction(e -> t.change().accept(mi.isSelected()));
                yield mi;
            }
            case TrayMenu.SubMenu s -> {
                Menu m = new Menu(s.label());
                for (TrayMenu.Item child : s.items()) {
                    m.getItems().add(child instanceof TrayMenu.Separator ? new SeparatorMenuItem() : render(child));
                }
                yield m;
            }
            case TrayMenu.Separator sep -> new SeparatorMenuItem();
        };
    }
}
