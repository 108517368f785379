package dev.auscult.app;

import dev.auscult.platform.SingleInstance;
import dev.auscult.platform.LaunchAtLogin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.OsPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single instance over a real Unix-domain socket; launch-at-login files written for real. */
class DesktopIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLaunchHandsOverToTheFirst() throws Exception {
        Path socket = dir.resolve("auscult.sock");
        CompletableFuture<String> received = new CompletableFuture<>();
        Optional<SingleInstance> first = SingleInstance.claim(socket, "show", received::complete);
        assertTrue(first.isPresent());
        try (SingleInstance running = first.get()) {
            Optional<SingleInstance> second = SingleInstance.claim(socket, "show", m -> { });
            assertTrue(second.isEmpty());
            assertEquals("show", received.get(5, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(socket));
    }

    @Test
    void aLinkClickedWhileRunningReachesTheRunningInstanceIntact() throws Exception {
        Path socket = dir.resolve("auscult.sock");
        CompletableFuture<String> received = new CompletableFuture<>();
        String link = "auscult://activate?email=ada%40example.com&account=acme&code=AB12-CD34";
        try (SingleInstance running = SingleInstance.claim(socket, "show", received::complete).orElseThrow()) {
            assertTrue(SingleInstance.claim(socket, link, m -> { }).isEmpty());
            assertEquals(link, received.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aStaleSocketFromACrashIsReplaced() throws Exception {
        Path socket = dir.resolve("auscult.sock");
        Files.writeString(socket, "left over");
        Optional<SingleInstance> claimed = SingleInstance.claim(socket, "show", m -> { });
        assertTrue(claimed.isPresent());
        claimed.get().close();
    }

    /** The user's entry in the test's home; the system-wide one in the test's directory too, not this machine's /etc. */
    private LaunchAtLogin linuxAutostart(List<String> command) {
        return new LaunchAtLogin.XdgAutostart(dir.resolve(".config/autostart/auscult.desktop"),
                dir.resolve("etc/xdg/autostart/auscult.desktop"), command);
    }

    @Test
    void xdgAutostartEntryIsWrittenAndRemoved() throws Exception {
        LaunchAtLogin l = linuxAutostart(List.of("/opt/auscult/bin/Auscult", "--start-hidden"));
        assertFalse(l.isEnabled());
        l.setEnabled(true);
        String entry = Files.readString(dir.resolve(".config/autostart/auscult.desktop"));
        assertTrue(entry.contains("Exec=/opt/auscult/bin/Auscult --start-hidden\n"), entry);
        assertTrue(entry.startsWith("[Desktop Entry]\n"));
        assertTrue(l.isEnabled());
        l.setEnabled(false);
        assertFalse(l.isEnabled());
    }

    @Test
    void pathsWithSpacesAreQuotedInTheAutostartEntry() throws Exception {
        LaunchAtLogin l = linuxAutostart(List.of("/home/a b/jdk/bin/java", "-jar", "/x/auscult.jar"));
        l.setEnabled(true);
        assertTrue(Files.readString(dir.resolve(".config/autostart/auscult.desktop")).contains("Exec=\"/home/a b/jdk/bin/java\" -jar /x/auscult.jar\n"));
    }

    @Test
    void aUserCanSwitchOffThePackagesSystemWideEntry() throws Exception {
        java.nio.file.Path system = dir.resolve("etc/xdg/autostart/auscult.desktop");
        Files.createDirectories(system.getParent());
        Files.writeString(system, "[Desktop Entry]\nExec=/opt/auscult/bin/Auscult --start-hidden\n");
        LaunchAtLogin l = new LaunchAtLogin.XdgAutostart(dir.resolve("home/.config/autostart/auscult.desktop"), system,
                List.of("/opt/auscult/bin/Auscult", "--start-hidden"));
        assertTrue(l.isEnabled(), "on by default after install");
        l.setEnabled(false);
        assertFalse(l.isEnabled());
        assertTrue(Files.readString(dir.resolve("home/.config/autostart/auscult.desktop")).contains("Hidden=true"));
        l.setEnabled(true);
        assertTrue(l.isEnabled());
        assertFalse(Files.exists(dir.resolve("home/.config/autostart/auscult.desktop")));
    }

    @Test
    void macLaunchAgentIsAPlist() throws Exception {
        LaunchAtLogin l = LaunchAtLogin.forPlatform(OsPlatform.DARWIN, dir, List.of("/Applications/Auscult.app/Contents/MacOS/Auscult", "--start-hidden"));
        l.setEnabled(true);
        String plist = Files.readString(dir.resolve("Library/LaunchAgents/dev.auscult.agent.plist"));
        assertTrue(plist.contains("<string>/Applications/Auscult.app/Contents/MacOS/Auscult</string>"));
        assertTrue(plist.contains("<key>RunAtLoad</key><true/>"));
    }
}
