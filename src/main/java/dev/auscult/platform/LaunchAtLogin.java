package dev.auscult.platform;

import dev.auscult.storage.AtomicFiles;
import dev.auscult.posture.OsPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting the agent when the user logs in: XDG autostart, a LaunchAgent, or the HKCU Run key. */
public interface LaunchAtLogin {

    boolean isEnabled();

    void setEnabled(boolean enabled) throws IOException;

    static LaunchAtLogin forPlatform(OsPlatform platform, Path home, List<String> command) {
        return switch (platform) {
            case LINUX -> new XdgAutostart(home.resolve(".config/autostart/auscult.desktop"), Path.of("/etc/xdg/autostart/auscult.desktop"), command);
            case DARWIN -> new MacLaunchAgent(home.resolve("Library/LaunchAgents/dev.auscult.agent.plist"), command);
            case WIN32 -> new WindowsRunKey(command);
        };
    }

    /**
     * The freedesktop.org autostart entry that desktops run at login. The .deb installs a system-wide
     * entry (on for everyone by default, removed with the package); a user switches it off with an entry
     * of the same name marked Hidden=true, which the XDG spec makes win over the system one.
     */
    record XdgAutostart(Path file, Path systemFile, List<String> command) implements LaunchAtLogin {
        @Override
        public boolean isEnabled() {
            if (Files.exists(file)) {
                try {
                    return !Files.readString(file).contains("\nHidden=true");
                } catch (IOException e) {
                    return false;
                }
            }
            return Files.exists(systemFile);
        }

        @Override
        public void setEnabled(boolean enabled) throws IOException {
            boolean system = Files.exists(systemFile);
            if (enabled && system) {
                Files.deleteIfExists(file);
                return;
            }
            if (!enabled && !system) {
                Files.deleteIfExists(file);
                return;
            }
            String exec = String.join(" ", command.stream().map(XdgAutostart::quote).toList());
            AtomicFiles.write(file, "[Desktop Entry]\nType=Application\nName=Auscult\nComment=Device security posture\n"
                    + "Exec=" + exec + "\nIcon=auscult\nTerminal=false\nX-GNOME-Autostart-enabled=true\n" + (enabled ? "" : "Hidden=true\n"));
        }

        private static String quote(String arg) {
            return arg.matches("[\\w@%+=:,./-]+") ? arg : "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /** A per-user LaunchAgent; launchd reads it at the next login. */
    record MacLaunchAgent(Path file, List<String> command) implements LaunchAtLogin {
        @Override
        public boolean isEnabled() {
            return Files.exists(file);
        }

        @Override
        public void setEnabled(boolean enabled) throws IOException {
            if (!enabled) {
                Files.deleteIfExists(file);
                return;
            }
            StringBuilder args = new StringBuilder();
            command.forEach(a -> args.append("    <string>").append(a.replace("&", "&amp;").replace("<", "&lt;")).append("</string>\n"));
            AtomicFiles.write(file, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                    <plist version="1.0">
                    <dict>
                      <key>Label</key><string>dev.auscult.agent</string>
                      <key>ProgramArguments</key>
                      <array>
                    %s  </array>
                      <key>RunAtLoad</key><true/>
                      <key>ProcessType</key><string>Interactive</string>
                    </dict>
                    </plist>
                    """.formatted(args));
        }
    }

    /** HKCU\Software\Microsoft\Windows\CurrentVersion\Run, through reg.exe (no native code needed). */
    record WindowsRunKey(List<String> command) implements LaunchAtLogin {
        private static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

        @Override
        public boolean isEnabled() {
            try {
                return run(List.of("reg", "query", KEY, "/v", "Auscult")) == 0;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void setEnabled(boolean enabled) throws IOException {
            String value = String.join(" ", command.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList());
            int code = enabled ? run(List.of("reg", "add", KEY, "/v", "Auscult", "/t", "REG_SZ", "/d", value, "/f"))
                    : run(List.of("reg", "delete", KEY, "/v", "Auscult", "/f"));
            if (code != 0 && enabled) {
                throw new IOException("reg.exe exited with code " + code);
            }
        }

        private static int run(List<String> argv) throws IOException {
            dev.auscult.probe.Reading r = new dev.auscult.probe.ProcessRunner(java.time.Duration.ofSeconds(10), 64 * 1024).run("launch-at-login", argv);
            if (r instanceof dev.auscult.probe.Reading.CommandOutput c) {
                return c.exitCode();
            }
            throw new IOException("reg.exe: " + r.problem());
        }
    }
}
