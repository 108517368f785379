package dev.auscult.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads the word files shipped in the jar (the window's messages, the command line's, the findings) as plain
 * properties: {@code ResourceBundle}'s lookup machinery cost 14 ms on the tray app's start-up path.
 */
public final class BundledTranslations {

    private BundledTranslations() {
    }

    /** {@code <base>.properties} next to {@code owner}: the English words. */
    public static Properties english(Class<?> owner, String base) {
        return read(owner, base + ".properties");
    }

    /**
     * The language's own file, {@code <base>_<lang>_<REGION>.properties} else {@code <base>_<lang>.properties};
     * empty for English and for a language not shipped (the English words then stand).
     */
    public static Properties of(Class<?> owner, String base, Locale locale) {
        if (locale.getLanguage().isEmpty() || locale.getLanguage().equals("en")) {
            return new Properties();
        }
        Properties regional = locale.getCountry().isEmpty() ? new Properties()
                : read(owner, base + "_" + locale.getLanguage() + "_" + locale.getCountry() + ".properties");
        return regional.isEmpty() ? read(owner, base + "_" + locale.getLanguage() + ".properties") : regional;
    }

    private static Properties read(Class<?> owner, String name) {
        Properties p = new Properties();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + name + " is unreadable", e);
        }
        return p;
    }
}
