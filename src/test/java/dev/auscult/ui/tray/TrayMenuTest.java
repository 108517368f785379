package dev.auscult.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentState;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.ReportSamples;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrayMenuTest {

    private final List<String> calls = new ArrayList<>();
    private final TrayMenu.Intents intents = new TrayMenu.Intents() {
        public void openWindow() { calls.add("open"); }
        public void rescan() { calls.add("rescan"); }
        public void setLaunchAtLogin(boolean on) { calls.add("login=" + on); }
        public void setHideIconWhileFine(boolean on) { calls.add("hide=" + on); }
        public void remindTomorrow() { calls.add("snooze"); }
        public void activate() { calls.add("activate"); }
        public void openLink(String link) { calls.add("link " + link); }
        public void copyDebugInfo() { calls.add("debug"); }
        public void whatIsSent() { calls.add("what-is-sent"); }
        public void about() { calls.add("about"); }
        public void quit() { calls.add("quit"); }
    };

    private static List<String> labels(List<TrayMenu.Item> items) {
        return items.stream().map(i -> switch (i) {
            case TrayMenu.Action a -> a.label();
            case TrayMenu.Toggle t -> (t.selected() ? "[x] " : "[ ] ") + t.label();
            case TrayMenu.SubMenu s -> s.label() + " >";
            case TrayMenu.Separator sep -> "---";
        }).toList();
    }

    @Test
    void theMenuOffersTheUsualActionsAndSnoozeOnlyWhileFailing() {
        AgentState failing = new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty());
        List<TrayMenu.Item> menu = TrayMenu.build(failing, true, List.of(new TrayMenu.HelpLink("IT helpdesk", "https://help.example.com")), intents);
        assertEquals(List.of("Open Auscult", "Rescan now", "Remind me tomorrow", "---", "[x] Launch at login", "[ ] Hide icon while all is fine", "Help >", "---", "Quit Auscult"), labels(menu));
        TrayMenu.SubMenu help = (TrayMenu.SubMenu) menu.get(6);
        assertEquals(List.of("IT helpdesk", "---", "What is sent…", "Copy debug info", "About Auscult"), labels(help.items()));

        AgentState passing = new AgentState(Optional.of(ReportSamples.report(dev.auscult.posture.OsPlatform.LINUX,
                ReportSamples.result(PracticeId.FIREWALL, Verdict.PASS, "on"))), false, Optional.empty());
        assertTrue(labels(TrayMenu.build(passing, false, List.of(), intents)).stream().noneMatch(l -> l.contains("Remind")));
    }

    @Test
    void onAStatusNotifierPanelTheSameMenuIsOfferedWithStableKeysAndTogglesFlip() {
        AgentState failing = new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty());
        List<TrayMenu.Item> menu = TrayMenu.build(failing, true, List.of(new TrayMenu.HelpLink("IT helpdesk", "https://help.example.com")), intents);
        List<dev.auscult.desktop.MenuEntry> entries = StatusNotifierTrayIcon.entries(menu, "");
        assertEquals(List.of("open", "rescan", "snooze", "separator-3", "launch-at-login", "hide-icon", "menu-6", "separator-7", "quit"),
                entries.stream().map(dev.auscult.desktop.MenuEntry::key).toList());
        dev.auscult.desktop.MenuEntry.Submenu help = (dev.auscult.desktop.MenuEntry.Submenu) entries.get(6);
        assertEquals(List.of("help-IT helpdesk", "separator-6.1", "what-is-sent", "debug-info", "about"),
                help.entries().stream().map(dev.auscult.desktop.MenuEntry::key).toList(), "keys are unique across levels");
        dev.auscult.desktop.MenuEntry.Check login = (dev.auscult.desktop.MenuEntry.Check) entries.get(4);
        assertTrue(login.checked());
        login.toggle().run();
        ((dev.auscult.desktop.MenuEntry.Item) help.entries().get(0)).run().run();
        assertEquals(List.of("login=false", "link https://help.example.com"), calls, "choosing a checked entry turns it off");
    }

    @Test
    void statusNotifierPixmapsAreArgbInNetworkByteOrder() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80CF222E);
        image.setRGB(1, 0, 0xFFFFFFFF);
        dev.auscult.desktop.StatusNotifierItem.IconPixmap pixmap = StatusNotifierTrayIcon.argb(image);
        assertEquals(2, pixmap.width);
        assertEquals(1, pixmap.height);
        assertEquals(List.of(0x80, 0xCF, 0x22, 0x2E, 0xFF, 0xFF, 0xFF, 0xFF),
                java.util.stream.IntStream.range(0, 8).map(i -> pixmap.argb[i] & 0xFF).boxed().toList());
    }

    @Test
    void whenTheOrganisationDecidesAboutTheIconThereIsNoToggle() {
        AgentState s = new AgentState(Optional.empty(), false, Optional.empty());
        assertTrue(labels(TrayMenu.build(s, true, true, Optional.empty(), List.of(), intents)).stream().noneMatch(l -> l.contains("Hide icon")));
        assertTrue(labels(TrayMenu.build(s, true, true, Optional.of(true), List.of(), intents)).contains("[x] Hide icon while all is fine"));
    }

    @Test
    void anUnactivatedDeviceIsOfferedActivation() {
        AgentState s = new AgentState(Optional.empty(), false, Optional.empty());
        List<TrayMenu.Item> menu = TrayMenu.build(s, true, false, List.of(), intents);
        TrayMenu.Action activate = (TrayMenu.Action) menu.stream().filter(i -> i instanceof TrayMenu.Action a && a.id().equals("activate")).findFirst().orElseThrow();
        activate.run().run();
        assertEquals(List.of("activate"), calls);
        assertTrue(TrayMenu.build(s, true, true, List.of(), intents).stream().noneMatch(i -> i instanceof TrayMenu.Action a && a.id().equals("activate")));
    }

    @Test
    void itemsCallTheirIntents() {
        List<TrayMenu.Item> menu = TrayMenu.build(new AgentState(Optional.of(ReportSamples.mixed()), false, Optional.empty()), false,
                List.of(new TrayMenu.HelpLink("Docs", "https://docs.example.com")), intents);
        ((TrayMenu.Action) menu.get(0)).run().run();
        ((TrayMenu.Action) menu.get(1)).run().run();
        ((TrayMenu.Toggle) menu.get(4)).change().accept(true);
        ((TrayMenu.Toggle) menu.get(5)).change().accept(true);
        ((TrayMenu.Action) ((TrayMenu.SubMenu) menu.get(6)).items().get(0)).run().run();
        ((TrayMenu.Action) menu.get(8)).run().run();
        assertEquals(List.of("open", "rescan", "login=true", "hide=true", "link https://docs.example.com", "quit"), calls);
    }

    /** The glyphs must differ in shape, not just colour: compare where the white glyph pixels are. */
    @Test
    void trayIconsAreDistinguishableWithoutColour() {
        List<boolean[]> masks = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            masks.add(glyphMask(TrayIcons.render(Optional.of(v), false, 0, 32)));
        }
        masks.add(glyphMask(TrayIcons.render(Optional.empty(), true, 0, 32)));
        for (int i = 0; i < masks.size(); i++) {
            for (int j = i + 1; j < masks.size(); j++) {
                assertNotEquals(differences(masks.get(i), masks.get(j)) < 12, true, "icons " + i + " and " + j + " look alike without colour");
            }
        }
    }

    @Test
    void theBadgeShowsTheFailingCount() {
        BufferedImage without = TrayIcons.render(Optional.of(Verdict.FAIL), false, 0, 64);
        BufferedImage with = TrayIcons.render(Optional.of(Verdict.FAIL), false, 3, 64);
        assertTrue(differences(glyphMask(without), glyphMask(with)) > 20);
        assertEquals(64, with.getWidth());
    }

    private static boolean[] glyphMask(BufferedImage img) {
        boolean[] mask = new boolean[img.getWidth() * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int argb = img.getRGB(x, y);
                int r = (argb >> 16) & 0xFF, g = (argb >> 8) & 0xFF, b = argb & 0xFF, a = argb >>> 24;
                mask[y * img.getWidth() + x] = a > 128 && r > 200 && g > 200 && b > 200;
            }
        }
        return mask;
    }

    private static int differences(boolean[] a, boolean[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }
}
