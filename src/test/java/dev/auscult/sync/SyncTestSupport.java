package dev.auscult.sync;

import java.nio.file.Path;

/** Points the agent at a temporary home with file credentials, for one test. */
final class SyncTestSupport implements AutoCloseable {

    private final String oldHome = System.getProperty("auscult.home");
    private final String oldCreds = System.getProperty("auscult.credentials");
    private final String oldTpm = System.getProperty("auscult.tpm.tcti");

    SyncTestSupport(Path home) {
        System.setProperty("auscult.home", home.toString());
        System.setProperty("auscult.credentials", "file");
        // a developer's laptop TPM is not the test's to use: tests that want one start a software TPM
        System.setProperty("auscult.tpm.tcti", "none");
    }

    @Override
    public void close() {
        restore("auscult.home", oldHome);
        restore("auscult.credentials", oldCreds);
        restore("auscult.tpm.tcti", oldTpm);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
