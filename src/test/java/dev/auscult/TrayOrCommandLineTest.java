package dev.auscult;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrayOrCommandLineTest {

    @Test
    void noArgumentsOrTheTrayAppsOwnOptionsStartTheTrayApp() {
        assertTrue(Main.isTrayLaunch(new String[0]));
        assertTrue(Main.isTrayLaunch(new String[] {"--start-hidden"}));
        assertTrue(Main.isTrayLaunch(new String[] {"--policy", "p.yaml", "--start-hidden"}));
    }

    @Test
    void aClickedLinkStartsTheTrayApp() {
        assertTrue(Main.isTrayLaunch(new String[] {"auscult://activate?email=a@x.org&code=1"}));
    }

    @Test
    void commandsGoToTheCommandLine() {
        assertFalse(Main.isTrayLaunch(new String[] {"scan", "--json"}));
        assertFalse(Main.isTrayLaunch(new String[] {"j1-endpoint-agent", "activate"}));
        assertFalse(Main.isTrayLaunch(new String[] {"--policy"}));
    }
}
