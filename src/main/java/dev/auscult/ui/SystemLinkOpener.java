package dev.auscult.ui;

import dev.auscult.desktop.DesktopPortal;
import dev.auscult.desktop.SessionBus;
import dev.auscult.instructions.SettingsLink;
import dev.auscult.posture.OsPlatform;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

/**
 * Opens links with the OS's own opener, off the FX thread. Instructions files come from admins and
 * backends, so schemes are allow-listed: Stethoscope's {@code ps://} scheme ran arbitrary PowerShell.
 */
public final class SystemLinkOpener implements LinkOpener {

    private static final System.Logger LOG = System.getLogger(SystemLinkOpener.class.getName());
    static final Set<String> ALLOWED_SCHEMES = Set.of("https", "http", "mailto", "x-apple.systempreferences", "ms-settings", "windowsdefender");

    private final OsPlatform platform;
    private final SessionBus bus;

    public SystemLinkOpener(OsPlatform platform, SessionBus bus) {
        this.platform = platform;
        this.bus = bus;
    }

    public static boolean allowed(String uri) {
        int colon = uri.indexOf(':');
        return colon > 0 && ALLOWED_SCHEMES.contains(uri.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    @Override
    public void open(SettingsLink link) {
        switch (link) {
            case SettingsLink.Uri u -> openUri(u.uri());
            case SettingsLink.Program p -> start(p.argv());
        }
    }

    @Override
    public void openUri(String uri) {
        if (!allowed(uri)) {
            LOG.log(Level.WARNING, "not opening {0}: scheme not allowed", uri);
            return;
        }
        switch (platform) {
            case DARWIN -> start(List.of("open", uri));
            case WIN32 -> start(List.of("rundll32", "url.dll,FileProtocolHandler", uri));
            case LINUX -> dev.auscult.platform.Background.run("auscult-background", () -> openOnLinux(uri));
        }
    }

    /**
     * In a sandbox (Flatpak, Snap) the desktop portal first, since xdg-open there cannot reach the user's
     * browser; elsewhere xdg-open, and the portal when xdg-open is missing.
     */
    private void openOnLinux(String uri) {
        if (DesktopPortal.sandboxed(System.getenv(), Path.of("/")) && DesktopPortal.openUri(bus, uri)) {
            return;
        }
        Optional<String> failed = new dev.auscult.probe.ProcessRunner(java.time.Duration.ofSeconds(10), 1024).launch(List.of("xdg-open", uri));
        if (failed.isPresent() && !DesktopPortal.openUri(bus, uri)) {
            LOG.log(Level.WARNING, "could not open a link: {0}", failed.get());
        }
    }

    private static void start(List<String> argv) {
        dev.auscult.platform.Background.run("auscult-background", () -> new dev.auscult.probe.ProcessRunner(java.time.Duration.ofSeconds(10), 1024).launch(argv)
                .ifPresent(why -> LOG.log(Level.WARNING, "could not open a link: {0}", why)));
    }
}
