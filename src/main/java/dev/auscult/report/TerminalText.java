package dev.auscult.report;

/**
 * Text from the device (a hostname, os-release, a policy's names) printed to a terminal or a log. Control
 * characters are shown as {@code \u001b}-style escapes, so a crafted value cannot move the cursor, rewrite
 * earlier lines, retitle the terminal or forge log lines.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (control && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** As {@link #safe}, and on one line: for values inside a table row or a log line. */
    public static String oneLine(String s) {
        return safe(s).replace("\n", "\\n");
    }
}
