package dev.auscult.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;

/**
 * Follows the OS light/dark setting (JavaFX reads it from the platform) unless {@code -Dauscult.theme}
 * says {@code light} or {@code dark}. AtlantaFX Primer does the bulk; auscult.css adds our few styles.
 */
public final class Theme {

    private Theme() {
    }

    public static void followSystem() {
        apply();
        Platform.getPreferences().colorSchemeProperty().addListener((obs, was, now) -> apply());
    }

    private static void apply() {
        String forced = System.getProperty("auscult.theme", "").toLowerCase(Locale.ROOT);
        boolean dark = forced.isEmpty() ? Platform.getPreferences().getColorScheme() == ColorScheme.DARK : forced.equals("dark");
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public static String stylesheet() {
        return Theme.class.getResource("auscult.css").toExternalForm();
    }

    /** The organisation's accent colour as AtlantaFX's looked-up colours, for a window's root; "" for Auscult's own. */
    public static String accentStyle(dev.auscult.app.Branding branding) {
        return branding.accentColor().map(c -> "-color-accent-fg: " + c + "; -color-accent-emphasis: " + c
                + "; -color-accent-muted: " + c + "66; -color-accent-subtle: " + c + "22;").orElse("");
    }
}
