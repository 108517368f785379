package dev.auscult.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.net.URI;

/**
 * The servers whose sign-in pages the person has let confirm this device (asked once per server, then remembered):
 * one origin per line in a small state file. A damaged or missing file means "not asked yet" — asking again is safe.
 */
public final class SignInConsent {

    private final Path file;

    public SignInConsent(Path stateDir) {
        this.file = stateDir.resolve("signin-consent.txt");
    }

    public boolean given(URI server) {
        return origins().contains(origin(server));
    }

    public void give(URI server) throws IOException {
        TreeSet<String> all = new TreeSet<>(origins());
        all.add(origin(server));
        Files.createDirectories(file.getParent());
        dev.auscult.storage.AtomicFiles.write(file, String.join("\n", all) + "\n");
    }

    private List<String> origins() {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    static String origin(URI u) {
        int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        return (u.getScheme() + "://" + u.getHost() + ":" + port).toLowerCase(Locale.ROOT);
    }
}
