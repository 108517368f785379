package dev.auscult.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.text.Font;
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

    /**
     * Sets the theme and follows the OS's light/dark changes from then on; does nothing the second time. Our scenes
     * call it as they are made: an agent started at login shows only its tray icon and need not parse the
     * stylesheet (~37 ms, ~1 MB of heap for the session) until a window opens. FX thread.
     */
    public static void followSystem() {
        if (Application.getUserAgentStylesheet() != null) {
            return; // already following
        }
        apply();
        Platform.getPreferences().colorSchemeProperty().addListener((obs, was, now) -> apply());
    }

    private static void apply() {
        boolean dark = isDark();
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public static String stylesheet() {
        return Theme.class.getResource("auscult.css").toExternalForm();
    }

    /**
     * A window's stylesheets: ours, then the person's text size and, when the OS asks for it, high contrast.
     * FX thread (the OS's default font is read from the toolkit).
     */
    public static List<String> stylesheets() {
        List<String> sheets = new ArrayList<>(List.of(stylesheet()));
        double scale = textScale();
        if (scale > 1.0) {
            sheets.add(textSize(scale));
        }
        if (highContrast()) {
            sheets.add(highContrastSheet(isDark()));
        }
        return sheets;
    }

    /** A scene of ours: the theme, Auscult's stylesheets, the person's text size and contrast. FX thread. */
    public static javafx.scene.Scene scene(javafx.scene.Parent root, double width, double height) {
        followSystem();
        javafx.scene.Scene scene = new javafx.scene.Scene(root, width, height);
        scene.getStylesheets().addAll(stylesheets());
        return scene;
    }

    /** AtlantaFX sets every window's text to 14 px whatever the OS says; JavaFX's default font follows the OS. */
    static final double ATLANTAFX_TEXT_PX = 14;
    /** The size of JavaFX's default font when the OS asks for nothing larger. */
    static final double PLATFORM_DEFAULT_PX = 13;

    /**
     * How much larger than the usual text the person wants: {@code -Dauscult.textScale} (1 to 3), else what the
     * OS's text size makes of JavaFX's default font (Windows "Text size", GNOME "Large Text" and font scaling).
     */
    public static double textScale() {
        String forced = System.getProperty("auscult.textScale", "");
        if (!forced.isBlank()) {
            try {
                return Math.clamp(Double.parseDouble(forced.strip()), 1.0, 3.0);
            } catch (NumberFormatException e) {
                // not a number: follow the OS
            }
        }
        return Math.clamp(Font.getDefault().getSize() / PLATFORM_DEFAULT_PX, 1.0, 3.0);
    }

    /** The root text size as a stylesheet (every size in our and AtlantaFX's styles is relative to it). */
    static String textSize(double scale) {
        return css(String.format(Locale.ROOT, ".root { -fx-font-size: %.1fpx; }", ATLANTAFX_TEXT_PX * scale));
    }

    /**
     * Whether the OS asks for high contrast: Windows' high-contrast themes, macOS's "Increase contrast", a GTK
     * high-contrast theme (GNOME's HighContrast, HighContrastInverse), or {@code -Dauscult.contrast=high}.
     */
    public static boolean highContrast() {
        if ("high".equalsIgnoreCase(System.getProperty("auscult.contrast", ""))) {
            return true;
        }
        Map<String, Object> prefs = Platform.getPreferences();
        return Boolean.TRUE.equals(prefs.get("Windows.SPI.HighContrast"))
                || Boolean.TRUE.equals(prefs.get("macOS.NSWorkspace.accessibilityDisplayShouldIncreaseContrast"))
                || String.valueOf(prefs.get("GTK.theme_name")).toLowerCase(Locale.ROOT).contains("highcontrast");
    }

    /**
     * Black on white (or white on black): muted text as strong as any, borders and focus rings that stand out,
     * links underlined so they never depend on colour. AtlantaFX draws everything from these looked-up colours.
     */
    static String highContrastSheet(boolean dark) {
        String fg = dark ? "#ffffff" : "#000000";
        String bg = dark ? "#000000" : "#ffffff";
        String accent = dark ? "#ffd60a" : "#0000c8";
        return css(".root { -color-fg-default: " + fg + "; -color-fg-muted: " + fg + "; -color-fg-subtle: " + fg + ";"
                + " -color-bg-default: " + bg + "; -color-bg-subtle: " + bg + "; -color-bg-inset: " + bg + "; -color-bg-overlay: " + bg + ";"
                + " -color-border-default: " + fg + "; -color-border-muted: " + fg + "; -color-border-subtle: " + fg + ";"
                + " -color-accent-fg: " + accent + "; -color-accent-emphasis: " + accent + "; -color-focus: " + accent + "; }"
                + " .hyperlink { -fx-underline: true; }");
    }

    private static boolean isDark() {
        String forced = System.getProperty("auscult.theme", "").toLowerCase(Locale.ROOT);
        return forced.isEmpty() ? Platform.getPreferences().getColorScheme() == ColorScheme.DARK : forced.equals("dark");
    }

    private static String css(String text) {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The organisation's accent colour as AtlantaFX's looked-up colours, for a window's root; "" for Auscult's own. */
    public static String accentStyle(dev.auscult.config.Branding branding) {
        if (highContrast()) {
            return ""; // the person's need for contrast wins over the organisation's colour
        }
        // buttons keep the organisation's colour; links get a shade of it that reads on this theme's background
        return branding.accentColor().map(c -> "-color-accent-fg: " + dev.auscult.config.Branding.readableOn(c, isDark() ? "#0d1117" : "#ffffff")
                + "; -color-accent-emphasis: " + c + "; -color-accent-muted: " + c + "66; -color-accent-subtle: " + c + "22;").orElse("");
    }
}
