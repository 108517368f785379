package dev.auscult.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The tray menu keeps its order although the toolkit applies each add in a later event and a submenu two
 * events later (as FXTrayIcon does on the AWT queue), and a newer menu never mixes with one being built.
 */
class SerialMenuRebuildTest {

    /** A single event queue, run by hand. */
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final Executor eventQueue = queue::addLast;
    /** The menu as the toolkit shows it. */
    private final List<String> shown = new ArrayList<>();

    /** Like FXTrayIcon: every change is an event; a submenu ("…>") is added by an event that posts another. */
    private final SerialMenuRebuild.Sink<String> toolkit = new SerialMenuRebuild.Sink<>() {
        @Override
        public void clear() {
            queue.addLast(shown::clear);
        }

        @Override
        public void add(String item) {
            if (item.endsWith(">")) {
                queue.addLast(() -> queue.addLast(() -> shown.add(item)));
            } else {
                queue.addLast(() -> shown.add(item));
            }
        }
    };

    private void runEvents() {
        while (!queue.isEmpty()) {
            queue.removeFirst().run();
        }
    }

    private static final List<String> MENU = List.of("Open Auscult", "Rescan now", "---", "Help >", "---", "Quit Auscult");

    @Test
    void addingEverythingAtOnceWouldPutTheSubmenuAfterQuit() {
        MENU.forEach(toolkit::add); // what the tray did before
        runEvents();
        assertNotEquals(MENU, shown, "the toolkit model reproduces the misplaced Help menu");
    }

    @Test
    void itemsAppearInTheMenusOrder() {
        new SerialMenuRebuild<>(eventQueue, toolkit).rebuild(MENU);
        runEvents();
        assertEquals(MENU, shown);
    }

    @Test
    void aNewerMenuGivenMidwayReplacesTheOneBeingBuiltWithoutMixing() {
        SerialMenuRebuild<String> rebuild = new SerialMenuRebuild<>(eventQueue, toolkit);
        rebuild.rebuild(MENU);
        for (int i = 0; i < 7 && !queue.isEmpty(); i++) {
            queue.removeFirst().run(); // part of the first menu is built
        }
        List<String> scanning = List.of("Open Auscult", "Scanning…", "---", "Help >", "---", "Quit Auscult");
        rebuild.rebuild(scanning);
        rebuild.rebuild(MENU.reversed()); // the newest wins
        runEvents();
        assertEquals(MENU.reversed(), shown);

        rebuild.rebuild(scanning); // and a later one after it is done starts again
        runEvents();
        assertEquals(scanning, shown);
    }
}
