package dev.auscult.policy;

/**
 * The Stethoscope release whose policies, instructions and local API Auscult reads and serves unchanged.
 * A migrated policy's {@code stethoscopeVersion} speaks of Stethoscope's own releases (1.x–5.x), not of
 * Auscult's: it is checked against this, so {@code ">=1.1.0"} fails no device.
 */
public final class StethoscopeCompatibility {

    /** Stethoscope-app's last release (June 2022). */
    public static final String RELEASE = "5.0.6";

    private StethoscopeCompatibility() {
    }
}
