package dev.auscult.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organisation's look, set by its administrator in the managed config.yaml ({@code organization:} with
 * {@code name}, {@code logo}, {@code accentColor}, {@code supportContact}): the window's header, the
 * activation wizard and the notifications use it, so people recognise who asks. A value that cannot be
 * used is ignored with a warning naming it; the rest still applies.
 */
public record Branding(Optional<String> name, Optional<Path> logo, Optional<String> accentColor, Optional<String> supportContact) {

    public static final Branding NONE = new Branding(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    static final int MAX_NAME = 60;
    static final int MAX_CONTACT = 120;
    static final long MAX_LOGO_BYTES = 1 << 20;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern CONTACT = Pattern.compile("[\\p{L}\\p{N} @.+:/?=&%#,;()'_\\-~]+");

    /** How people refer to the organisation in sentences: its name, or "your organisation". */
    public String who() {
        return name.orElse("your organisation");
    }

    static Branding read(JsonNode org, Path file, List<String> warnings) {
        if (org == null || !org.isObject()) {
            return NONE;
        }
        String at = file + ": organization.";
        Optional<String> name = text(org, "name").filter(n -> {
            boolean ok = n.length() <= MAX_NAME && n.codePoints().noneMatch(Character::isISOControl) && !n.isBlank();
            if (!ok) {
                warnings.add(at + "name must be 1 to " + MAX_NAME + " characters on one line; ignored");
            }
            return ok;
        });
        Optional<Path> logo = text(org, "logo").flatMap(p -> logo(Path.of(p), at, warnings));
        Optional<String> accent = text(org, "accentColor").filter(c -> {
            if (!COLOUR.matcher(c).matches()) {
                warnings.add(at + "accentColor '" + c + "' is not a #RRGGBB colour; ignored");
                return false;
            }
            // buttons draw white text on the accent colour: below 3:1 (WCAG's floor for large text) it is unreadable
            if (contrastWithWhite(c) < 3.0) {
                warnings.add(at + "accentColor " + c + " is too light for white text on it (contrast "
                        + String.format(java.util.Locale.ROOT, "%.1f", contrastWithWhite(c)) + ":1, at least 3:1 needed); ignored");
                return false;
            }
            return true;
        });
        Optional<String> contact = text(org, "supportContact").filter(c -> {
            boolean ok = c.length() <= MAX_CONTACT && CONTACT.matcher(c).matches();
            if (!ok) {
                warnings.add(at + "supportContact must be an e-mail address, a web address or a phone number (at most "
                        + MAX_CONTACT + " characters); ignored");
            }
            return ok;
        });
        org.properties().forEach(e -> {
            if (!List.of("name", "logo", "accentColor", "supportContact").contains(e.getKey())) {
                warnings.add(at + e.getKey() + " is not an organization setting (name, logo, accentColor, supportContact); ignored");
            }
        });
        return new Branding(name, logo, accent, contact);
    }

    private static Optional<Path> logo(Path p, String at, List<String> warnings) {
        String lower = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".svg")) {
            warnings.add(at + "logo " + p + ": SVG cannot be shown yet; give a PNG (at least 64 px high); ignored");
            return Optional.empty();
        }
        if (!lower.endsWith(".png")) {
            warnings.add(at + "logo " + p + " is not a .png file; ignored");
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(p) || Files.size(p) > MAX_LOGO_BYTES) {
                warnings.add(at + "logo " + p + " does not exist or is larger than 1 MB; ignored");
                return Optional.empty();
            }
        } catch (java.io.IOException e) {
            warnings.add(at + "logo " + p + " cannot be read (" + e.getMessage() + "); ignored");
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** WCAG contrast ratio of the colour against white. */
    static double contrastWithWhite(String hex) {
        return contrast(hex, "#ffffff");
    }

    /** WCAG contrast ratio of two #RRGGBB colours. */
    public static double contrast(String a, String b) {
        double la = relativeLuminance(a);
        double lb = relativeLuminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double relativeLuminance(String hex) {
        return luminance(Integer.parseInt(hex.substring(1, 3), 16)) * 0.2126 + luminance(Integer.parseInt(hex.substring(3, 5), 16)) * 0.7152
                + luminance(Integer.parseInt(hex.substring(5, 7), 16)) * 0.0722;
    }

    /**
     * The accent as link text on {@code background}: the colour itself when it reads there (WCAG 4.5:1 for
     * text), otherwise mixed step by step toward white (on a dark background) or black (on a light one) until
     * it does. A dark brand blue is fine on white buttons but unreadable as a link on the dark theme.
     */
    public static String readableOn(String accent, String background) {
        boolean darkBackground = relativeLuminance(background) < 0.18;
        int[] c = {Integer.parseInt(accent.substring(1, 3), 16), Integer.parseInt(accent.substring(3, 5), 16),
                Integer.parseInt(accent.substring(5, 7), 16)};
        String out = accent;
        for (int step = 0; step < 20 && contrast(out, background) < 4.5; step++) {
            for (int i = 0; i < 3; i++) {
                c[i] = darkBackground ? c[i] + (255 - c[i] + 9) / 10 : c[i] - (c[i] + 9) / 10;
            }
            out = String.format(java.util.Locale.ROOT, "#%02x%02x%02x", Math.clamp(c[0], 0, 255), Math.clamp(c[1], 0, 255), Math.clamp(c[2], 0, 255));
        }
        return out;
    }

    private static double luminance(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? Optional.of(v.asText().strip()) : Optional.empty();
    }
}
