package dev.auscult.ui.tray;

import dev.auscult.app.AgentState;
import java.util.List;

/**
 * The tray icon and its menu, whichever way the desktop shows them: a StatusNotifierItem on Linux
 * desktops that have a panel for them, AWT's tray (XEmbed on Linux, the native one on macOS and
 * Windows) elsewhere. FX thread only.
 */
public sealed interface Tray permits StatusNotifierTrayIcon, XEmbedTray {

    /** Shows the state (icon, badge), the tooltip's line (in the display language) and the menu for it. */
    void update(AgentState state, String tooltip, List<TrayMenu.Item> menu);

    /** Whether a panel shows the icon now: the window may hide to it instead of minimising. */
    boolean showing();

    /** A balloon next to the icon, for when the desktop has no notification service; false if it has none either. */
    boolean balloon(String title, String message);

    /** Shows or hides the icon (the user's "hide while all is fine"); a no-op when it already is so. */
    void setVisible(boolean visible);

    /** Removes the icon for good (quitting). */
    void remove();
}
