package dev.auscult.instructions;

/** The settings program a link opens; the window names it as that OS names it in the person's language. */
public enum SettingsApp {
    MAC_SYSTEM_SETTINGS("macSystemSettings"),
    WINDOWS_SETTINGS("windowsSettings"),
    GNOME_SETTINGS("gnomeSettings"),
    GNOME_SOFTWARE("gnomeSoftware"),
    KDE_SCREEN_LOCKING("kdeScreenLocking"),
    KDE_DISCOVER("kdeDiscover");

    private final String key;

    SettingsApp(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
