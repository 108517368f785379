package dev.auscult.ui;

import dev.auscult.posture.Verdict;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** One glyph per verdict, different in shape (not only colour): ✓ circle, ! triangle, ? circle, × circle. */
public final class VerdictIcons {

    private VerdictIcons() {
    }

    public static Ikon glyph(Verdict v) {
        return switch (v) {
            case PASS -> MaterialDesignC.CHECK_CIRCLE;
            case NUDGE -> MaterialDesignA.ALERT;
            case UNKNOWN -> MaterialDesignH.HELP_CIRCLE;
            case FAIL -> MaterialDesignC.CLOSE_CIRCLE;
        };
    }

    /** The glyph, named for screen readers in the person's language. */
    public static FontIcon icon(Verdict v, int size, UiText text) {
        FontIcon icon = new FontIcon(glyph(v));
        icon.setIconSize(size);
        icon.getStyleClass().addAll("verdict-icon", styleClass(v));
        icon.setAccessibleText(label(v, text));
        return icon;
    }

    /**
     * Loads the icon font (1.3 MB; ~40 ms) and the glyphs' classes. Any thread once the toolkit runs: the tray
     * app calls it on the launching thread while the FX thread sets up the theme, so the window's first
     * icon does not wait for it.
     */
    public static void warmUp() {
        for (Verdict v : Verdict.values()) {
            new FontIcon(glyph(v));
        }
        new FontIcon(MaterialDesignO.OPEN_IN_NEW);
        new FontIcon(MaterialDesignR.REFRESH);
    }

    public static String styleClass(Verdict v) {
        return "verdict-" + v.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Words for screen readers and tooltips. */
    public static String label(Verdict v) {
        return label(v, UiText.ENGLISH);
    }

    public static String label(Verdict v, UiText text) {
        return text.get("verdict." + v.name().toLowerCase(java.util.Locale.ROOT));
    }
}
