package dev.auscult.fix;

/** Whose rights a fix needs, which decides whether the OS asks for a password before it runs. */
public enum Elevation {
    /** The person's own settings (GNOME, KDE, the screen saver, the user's registry hive). */
    NONE,
    /** Linux: polkit, through {@code pkexec} and Auscult's fixed helper (its actions listed in a shipped .policy file). */
    POLKIT,
    /** macOS: the system's administrator prompt ({@code osascript … with administrator privileges}). */
    MAC_ADMINISTRATOR,
    /** Windows: a UAC prompt for a fixed PowerShell command. */
    WINDOWS_UAC;

    public boolean asksPassword() {
        return this != NONE;
    }
}
