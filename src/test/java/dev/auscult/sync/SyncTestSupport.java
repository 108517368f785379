package dev.auscult.sync;

import java.nio.file.Path;

/** Points the agent at a temporary home with file credentials, for one test. */
final class SyncTestSupport implements AutoCloseable {

    private final String oldHome = System.getProperty("auscult.home");
    private final String oldCreds = System.getProperty("auscult.credentials");

    SyncTestSupport(Path home) {
        System.setProperty("auscult.home", home.toString());
        System.setProperty("auscult.credentials", "file");
    }

    @Override
    public void close() {
        restore("auscult.home", oldHome);
        restore("auscult.credentials", oldCreds);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
