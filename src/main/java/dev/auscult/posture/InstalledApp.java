package dev.auscult.posture;

/** One installed application or package, as an inventory source names it. */
public record InstalledApp(String name, String version, String source) {
}
