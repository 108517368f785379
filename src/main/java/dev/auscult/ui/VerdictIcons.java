package dev.auscult.ui;

import dev.auscult.posture.Verdict;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

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

    public static FontIcon icon(Verdict v, int size) {
        FontIcon icon = new FontIcon(glyph(v));
        icon.setIconSize(size);
        icon.getStyleClass().addAll("verdict-icon", styleClass(v));
        icon.setAccessibleText(label(v));
        return icon;
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
