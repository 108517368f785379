package dev.auscult.instructions;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of Handlebars that instructions files use: {@code {{#if name}}…{{else}}…{{/if}}}, nested to any
 * depth, and {@code {{name}}}. Stethoscope's HTML-producing helpers ({@code okIcon}, {@code statusIcon},
 * {@code securitySetting}, {@code requirement}) are dropped: the window shows those facts itself. An
 * unterminated {@code {{#if}}} runs to the end of the text; a stray {@code {{/if}}} or {@code {{else}}}
 * is dropped rather than shown.
 */
public final class Template {

    private static final Pattern HELPER = Pattern.compile("(okIcon|warnIcon|statusIcon|securitySetting|requirement)\\b.*");

    private Template() {
    }

    public static String render(String template, Map<String, Object> context) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < template.length()) {
            pos = block(template, pos, context, true, out);
            if (pos < template.length()) {
                pos = template.indexOf("}}", pos) + 2; // a stray {{else}} or {{/if}} at the top level
            }
        }
        return out.toString();
    }

    /** Titles are folded YAML with the branches on their own lines: collapse to one line. */
    public static String renderLine(String template, Map<String, Object> context) {
        return render(template, context).replaceAll("\\s+", " ").strip();
    }

    /**
     * Renders from {@code pos} until an {@code {{else}}} or {{/if}} that closes the enclosing block (not
     * consumed: its index is returned) or the end; writes only when {@code emit}.
     */
    private static int block(String t, int pos, Map<String, Object> ctx, boolean emit, StringBuilder out) {
        while (pos < t.length()) {
            int open = t.indexOf("{{", pos);
            int close = open < 0 ? -1 : t.indexOf("}}", open + 2);
            if (open < 0 || close < 0) {
                if (emit) {
                    out.append(t, pos, t.length());
                }
                return t.length();
            }
            if (emit) {
                out.append(t, pos, open);
            }
            String tag = t.substring(open + 2, close).strip();
            if (tag.equals("else") || tag.equals("/if")) {
                return open;
            }
            pos = close + 2;
            if (tag.startsWith("#if ")) {
                boolean truthy = truthy(ctx.get(tag.substring(4).strip()));
                pos = block(t, pos, ctx, emit && truthy, out);
                if (pos < t.length() && tagAt(t, pos).equals("else")) {
                    pos = block(t, t.indexOf("}}", pos) + 2, ctx, emit && !truthy, out);
                }
                if (pos < t.length() && tagAt(t, pos).equals("/if")) {
                    pos = t.indexOf("}}", pos) + 2;
                }
            } else if (!HELPER.matcher(tag).matches() && emit) {
                Object value = ctx.get(tag);
                out.append(value == null ? "" : value.toString());
            }
        }
        return pos;
    }

    private static String tagAt(String t, int open) {
        int close = t.indexOf("}}", open + 2);
        return close < 0 ? "" : t.substring(open + 2, close).strip();
    }

    private static boolean truthy(Object o) {
        return o != null && !Boolean.FALSE.equals(o) && !"".equals(o);
    }
}
