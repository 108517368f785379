package dev.auscult;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void theAotTrainingRunRunsEachCommandAndFailsOnlyOnAUsageError() {
        String snapshot = Fixtures.class.getResource("/snapshots/linux-debian-11-unattended-upgrades-enabled.json").getPath();
        // a FAIL verdict (exit 1) is a normal outcome of a training scan
        assertEquals(0, Main.train(java.util.List.of("--version", ";", ";", "scan", "--replay", snapshot, "--json", ";", "--help")));
        assertEquals(dev.auscult.cli.ExitCodes.USAGE, Main.train(java.util.List.of("--version", ";", "no-such-command")));
    }
}
