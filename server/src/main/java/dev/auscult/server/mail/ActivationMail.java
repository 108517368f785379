package dev.auscult.server.mail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The activation e-mail, plain text and HTML, from the templates beside this class. Placeholders are
 * {@code {{name}}}; values are HTML-escaped in the HTML part, so an odd e-mail address cannot inject markup.
 */
public final class ActivationMail {

    /** Where people download the agent, per OS; a missing link is left out of the mail. */
    public record Downloads(String macos, String windows, String linux) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String text;
    private final String html;
    private final Downloads downloads;

    public ActivationMail(Downloads downloads) {
        this.text = resource("activation.txt");
        this.html = resource("activation.html");
        this.downloads = downloads;
    }

    private static String resource(String name) {
        try (InputStream in = ActivationMail.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("mail template " + name + " is missing from the server");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("mail template " + name + " cannot be read", e);
        }
    }

    /** The default opening words, when the administrator has not written their own. */
    public static final String DEFAULT_INTRO = "asks you to set up Auscult on your computer. Auscult checks a few security settings "
            + "(disk encryption, firewall, screen lock, updates) and tells you how to fix anything that is off.";

    public Mailer.Message render(String organisation, String accountId, String email, String code, Instant expires) {
        return render(organisation, accountId, email, code, expires, MailLook.none(), Optional.empty(), Optional.empty());
    }

    /**
     * With the account's settings: its name, its download links and its own opening words, where it set them.
     * {@code server}: the address agents reach this server at (the account's, else the server's publicUrl). It
     * travels in the link, the command and the details, so the person never has to know it; without it the
     * agent needs a managed configuration that names the server.
     */
    public Mailer.Message render(String organisation, String accountId, String email, String code, Instant expires,
                                 MailLook custom, Optional<String> personName, Optional<String> server) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("greeting", personName.map(n -> " " + n).orElse(""));
        v.put("server", server.orElse(""));
        v.put("serverLine", server.map(u -> "\n   Server:  " + u).orElse(""));
        v.put("command", "auscult activate --email " + shellWord(email) + " --account " + shellWord(accountId) + " --code " + shellWord(code)
                + server.map(u -> " --backend " + shellWord(u)).orElse(""));
        organisation = custom.organisationName().orElse(organisation);
        v.put("organisation", organisation);
        v.put("intro", custom.intro().orElse(DEFAULT_INTRO));
        v.put("account", accountId);
        v.put("email", email);
        v.put("code", code);
        v.put("expires", DAY.format(expires));
        v.put("link", "auscult://activate?email=" + enc(email) + "&account=" + enc(accountId) + "&code=" + enc(code)
                + server.map(u -> "&backend=" + enc(u)).orElse(""));
        v.put("macos", custom.downloadMacos().orElse(downloads.macos()));
        v.put("windows", custom.downloadWindows().orElse(downloads.windows()));
        v.put("linux", custom.downloadLinux().orElse(downloads.linux()));
        // the logo line only when there is a logo
        String page = custom.logoUrl().isPresent() ? html : html.replaceAll("(?m)^<p class=\"logo\">.*\n", "");
        if (server.isEmpty()) {
            page = page.replaceAll("(?m)^<tr class=\"server\">.*\n", "");
        }
        v.put("logo", custom.logoUrl().orElse(""));
        return new Mailer.Message(email, "Set up Auscult for " + organisation, fill(text, v, false), fill(page, v, true));
    }

    /** A value as one shell word the person can paste: as it is when plain, else in single quotes. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9@%+=:,./_-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String fill(String template, Map<String, String> values, boolean escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(escape ? escapeHtml(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
