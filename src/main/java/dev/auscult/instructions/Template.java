package dev.auscult.instructions;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Handlebars that instructions files use: {@code {{#if name}}…{{else}}…{{/if}}} and
 * {@code {{name}}}. Stethoscope's HTML-producing helpers ({@code okIcon}, {@code statusIcon},
 * {@code securitySetting}, {@code requirement}) are dropped: the window shows those facts itself.
 */
public final class Template {

    private static final Pattern IF = Pattern.compile("\\{\\{#if (\\w+)}}(.*?)(?:\\{\\{else}}(.*?))?\\{\\{/if}}", Pattern.DOTALL);
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([\\w.]+)\\s*}}");
    private static final Pattern HELPER = Pattern.compile("\\{\\{\\s*(okIcon|warnIcon|statusIcon|securitySetting|requirement)\\b[^}]*}}");

    private Template() {
    }

    public static String render(String template, Map<String, Object> context) {
        String out = template;
        Matcher m = IF.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            boolean truthy = truthy(context.get(m.group(1)));
            String chosen = truthy ? m.group(2) : (m.group(3) == null ? "" : m.group(3));
            m.appendReplacement(sb, Matcher.quoteReplacement(chosen));
        }
        m.appendTail(sb);
        out = HELPER.matcher(sb.toString()).replaceAll("");
        Matcher v = VAR.matcher(out);
        StringBuilder sb2 = new StringBuilder();
        while (v.find()) {
            Object value = context.get(v.group(1));
            v.appendReplacement(sb2, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        v.appendTail(sb2);
        return sb2.toString();
    }

    /** Titles are folded YAML with the branches on their own lines: collapse to one line. */
    public static String renderLine(String template, Map<String, Object> context) {
        return render(template, context).replaceAll("\\s+", " ").strip();
    }

    private static boolean truthy(Object o) {
        return o != null && !Boolean.FALSE.equals(o) && !"".equals(o);
    }
}
