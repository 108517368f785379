package dev.auscult.ui.tray;

import dev.auscult.app.AgentState;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.UiText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tray menu as a small model (action, toggle, submenu, separator) that a tray backend renders, so
 * the menu's content is tested without any toolkit.
 */
public final class TrayMenu {

    public sealed interface Item {
    }

    public record Action(String id, String label, Runnable run) implements Item {
    }

    public record Toggle(String id, String label, boolean selected, Consumer<Boolean> change) implements Item {
    }

    public record SubMenu(String label, List<Item> items) implements Item {
        public SubMenu {
            items = List.copyOf(items);
        }
    }

    public record Separator() implements Item {
    }

    /** A help link from the configuration (Stethoscope's {@code menu.help}). */
    public record HelpLink(String label, String link) {
    }

    /** What the menu's items do; implemented by the app. */
    public interface Intents {
        void openWindow();

        void rescan();

        void setLaunchAtLogin(boolean on);

        /** Hide the icon while every check passes; it comes back as soon as one does not. */
        void setHideIconWhileFine(boolean on);

        void remindTomorrow();

        void activate();

        void openLink(String link);

        void copyDebugInfo();

        /** Shows exactly what this device sends, what waits, and what is never collected. */
        void whatIsSent();

        void about();

        void quit();
    }

    private TrayMenu() {
    }

    public static List<Item> build(AgentState state, boolean launchAtLogin, List<HelpLink> help, Intents intents) {
        return build(state, launchAtLogin, true, help, intents);
    }

    /** @param activated false adds text.get("tray.activate"), which opens the activation wizard */
    public static List<Item> build(AgentState state, boolean launchAtLogin, boolean activated, List<HelpLink> help, Intents intents) {
        return build(state, launchAtLogin, activated, Optional.of(false), help, intents);
    }

    public static List<Item> build(AgentState state, boolean launchAtLogin, boolean activated, Optional<Boolean> hideIconWhileFine,
                                   List<HelpLink> help, Intents intents) {
        return build(state, launchAtLogin, activated, hideIconWhileFine, help, intents, UiText.ENGLISH);
    }

    /**
     * @param hideIconWhileFine the user's choice, or empty when the organisation decided it (no toggle then)
     * @param text the labels' language
     */
    public static List<Item> build(AgentState state, boolean launchAtLogin, boolean activated, Optional<Boolean> hideIconWhileFine,
                                   List<HelpLink> help, Intents intents, UiText text) {
        List<Item> items = new ArrayList<>();
        items.add(new Action("open", text.get("tray.open"), intents::openWindow));
        items.add(new Action("rescan", text.get(state.scanning() ? "tray.scanning" : "tray.rescan"), intents::rescan));
        boolean failing = state.report().flatMap(r -> r.status()).map(v -> v == Verdict.FAIL).orElse(false);
        if (failing) {
            items.add(new Action("snooze", text.get("tray.snooze"), intents::remindTomorrow));
        }
        items.add(new Separator());
        if (!activated) {
            items.add(new Action("activate", text.get("tray.activate"), intents::activate));
        }
        items.add(new Toggle("launch-at-login", text.get("tray.launchAtLogin"), launchAtLogin, intents::setLaunchAtLogin));
        hideIconWhileFine.ifPresent(on -> items.add(new Toggle("hide-icon", text.get("tray.hideIcon"), on, intents::setHideIconWhileFine)));
        List<Item> helpItems = new ArrayList<>();
        help.forEach(h -> helpItems.add(new Action("help-" + h.label(), h.label(), () -> intents.openLink(h.link()))));
        if (!helpItems.isEmpty()) {
            helpItems.add(new Separator());
        }
        helpItems.add(new Action("what-is-sent", text.get("tray.whatIsSent"), intents::whatIsSent));
        helpItems.add(new Action("debug-info", text.get("tray.debugInfo"), intents::copyDebugInfo));
        helpItems.add(new Action("about", text.get("tray.about"), intents::about));
        items.add(new SubMenu(text.get("tray.help"), helpItems));
        items.add(new Separator());
        items.add(new Action("quit", text.get("tray.quit"), intents::quit));
        return items;
    }
}
