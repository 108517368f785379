package dev.auscult.ui.tray;

import dev.auscult.posture.Verdict;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Draws the tray icon for a state at any pixel size (crisp on HiDPI): a shield whose glyph differs by
 * verdict — check, exclamation, question mark, cross, or a ring while scanning — so the state reads
 * without colour, plus a badge with the number of failing practices.
 */
public final class TrayIcons {

    private TrayIcons() {
    }

    /** @param verdict empty while no scan has finished */
    public static BufferedImage render(Optional<Verdict> verdict, boolean scanning, int failing, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        float s = size;
        Color fill = scanning || verdict.isEmpty() ? new Color(0x6E7781) : switch (verdict.get()) {
            case PASS -> new Color(0x1A7F37);
            case NUDGE -> new Color(0xBF8700);
            case UNKNOWN -> new Color(0x57606A);
            case FAIL -> new Color(0xCF222E);
        };
        Path2D shield = new Path2D.Float();
        shield.moveTo(s * 0.5, s * 0.04);
        shield.lineTo(s * 0.9, s * 0.18);
        shield.curveTo(s * 0.9, s * 0.62, s * 0.72, s * 0.84, s * 0.5, s * 0.97);
        shield.curveTo(s * 0.28, s * 0.84, s * 0.1, s * 0.62, s * 0.1, s * 0.18);
        shield.closePath();
        g.setColor(fill);
        g.fill(shield);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(1.5f, s * 0.11f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        if (scanning || verdict.isEmpty()) {
            g.draw(new java.awt.geom.Arc2D.Float(s * 0.3f, s * 0.28f, s * 0.4f, s * 0.4f, 90, 270, java.awt.geom.Arc2D.OPEN));
        } else {
            switch (verdict.get()) {
                case PASS -> {
                    Path2D check = new Path2D.Float();
                    check.moveTo(s * 0.3, s * 0.5);
                    check.lineTo(s * 0.45, s * 0.65);
                    check.lineTo(s * 0.72, s * 0.34);
                    g.draw(check);
                }
                case FAIL -> {
                    g.drawLine(Math.round(s * 0.33f), Math.round(s * 0.32f), Math.round(s * 0.67f), Math.round(s * 0.66f));
                    g.drawLine(Math.round(s * 0.67f), Math.round(s * 0.32f), Math.round(s * 0.33f), Math.round(s * 0.66f));
                }
                case NUDGE -> {
                    g.drawLine(Math.round(s * 0.5f), Math.round(s * 0.26f), Math.round(s * 0.5f), Math.round(s * 0.56f));
                    g.fill(new Ellipse2D.Float(s * 0.43f, s * 0.66f, s * 0.14f, s * 0.14f));
                }
                case UNKNOWN -> {
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(s * 0.58f)));
                    var fm = g.getFontMetrics();
                    g.drawString("?", (s - fm.stringWidth("?")) / 2f, s * 0.72f);
                }
            }
        }
        if (failing > 0 && !scanning && size >= 16) {
            float d = s * 0.5f;
            g.setColor(new Color(0xCF222E));
            g.fill(new Ellipse2D.Float(s - d, 0, d, d));
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(Math.max(1f, s * 0.04f)));
            g.draw(new Ellipse2D.Float(s - d, 0, d, d));
            String n = failing > 9 ? "9+" : String.valueOf(failing);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(d * (n.length() > 1 ? 0.5f : 0.7f))));
            var fm = g.getFontMetrics();
            g.drawString(n, s - d + (d - fm.stringWidth(n)) / 2f, (d + fm.getAscent() - fm.getDescent()) / 2f);
        }
        g.dispose();
        return img;
    }
}
