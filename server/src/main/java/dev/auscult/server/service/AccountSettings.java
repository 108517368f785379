package dev.auscult.server.service;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-account settings from the console: the organisation's name and look as people see them (in the
 * activation e-mail and the console), where they download the agent, and the e-mail's opening words.
 * Validated on save: colours are {@code #rrggbb}, links https, texts bounded.
 */
public final class AccountSettings {

    /** {@code publicUrl}: the address agents reach this server at, for this account (empty: the server's publicUrl setting). */
    public record Settings(Optional<String> displayName, Optional<String> accentColour, Optional<String> logoUrl,
                           Optional<String> downloadMacos, Optional<String> downloadWindows, Optional<String> downloadLinux,
                           Optional<String> mailIntro, Optional<String> publicUrl) {

        /** What the activation mail takes of these settings. */
        public dev.auscult.server.mail.MailLook mailLook() {
            return new dev.auscult.server.mail.MailLook(displayName, mailIntro, logoUrl, downloadMacos, downloadWindows, downloadLinux);
        }

        public static Settings none() {
            return new Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;
    private final Optional<String> serverPublicUrl;

    public AccountSettings(Jdbi jdbi, Audit audit, Clock clock, Optional<String> serverPublicUrl) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
        this.serverPublicUrl = serverPublicUrl.map(AccountSettings::publicUrlChecked);
    }

    /**
     * The address that travels with this account's activation codes: the account's own, else the server's publicUrl
     * setting; empty when neither is set (the console then warns: codes go out without an address).
     */
    public Optional<String> publicUrl(String accountId) {
        return get(accountId).publicUrl().or(() -> serverPublicUrl);
    }

    /**
     * An address agents can use: https (or http on a loopback host, for a trial on one machine), a host, no query
     * or fragment; a trailing slash is dropped. The message names the setting when it is not.
     */
    public static String publicUrlChecked(String url) {
        String u = url.strip().replaceAll("/+$", "");
        URI parsed;
        try {
            parsed = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Server address (publicUrl): '" + url.strip() + "' is not a URL");
        }
        try {
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            dev.auscult.sync.BackendClient.requireSafe(parsed); // the agents' own rule for where a code may be sent
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Server address (publicUrl): '" + url.strip() + "' must be an https:// address agents can reach");
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null || parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Server address (publicUrl): '" + url.strip() + "' must be the server's address alone, without ?, # or a user");
        }
        return u;
    }

    public Settings get(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT display_name, accent_colour, logo_url, download_macos, download_windows, download_linux, "
                        + "mail_intro, public_url FROM account_settings WHERE account_id = :a").bind("a", accountId)
                .map((rs, ctx) -> new Settings(opt(rs.getString(1)), opt(rs.getString(2)), opt(rs.getString(3)), opt(rs.getString(4)),
                        opt(rs.getString(5)), opt(rs.getString(6)), opt(rs.getString(7)), opt(rs.getString(8)))).findOne().orElse(Settings.none()));
    }

    private static Optional<String> opt(String s) {
        return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Saves after checking every field; the message of the exception names the field that is wrong. */
    public void save(String accountId, Settings s, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        s.accentColour().filter(c -> !c.matches("#[0-9a-fA-F]{6}")).ifPresent(c -> {
            throw new IllegalArgumentException("Accent colour: '" + c + "' is not a colour like #1f6feb");
        });
        check("Logo", s.logoUrl());
        check("macOS download", s.downloadMacos());
        check("Windows download", s.downloadWindows());
        check("Linux download", s.downloadLinux());
        s.displayName().filter(n -> n.length() > 200).ifPresent(n -> {
            throw new IllegalArgumentException("Organisation name: at most 200 characters");
        });
        s.mailIntro().filter(t -> t.length() > 2000).ifPresent(t -> {
            throw new IllegalArgumentException("E-mail text: at most 2,000 characters");
        });
        Optional<String> publicUrl = s.publicUrl().map(AccountSettings::publicUrlChecked);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM account_settings WHERE account_id = :a").bind("a", accountId).execute();
            h.createUpdate("INSERT INTO account_settings (account_id, display_name, accent_colour, logo_url, download_macos, download_windows, "
                            + "download_linux, mail_intro, public_url, updated_at, updated_by) VALUES (:a, :n, :c, :l, :m, :w, :x, :i, :u, :now, :by)")
                    .bind("a", accountId).bind("n", s.displayName().orElse(null)).bind("c", s.accentColour().orElse(null))
                    .bind("l", s.logoUrl().orElse(null)).bind("m", s.downloadMacos().orElse(null)).bind("w", s.downloadWindows().orElse(null))
                    .bind("x", s.downloadLinux().orElse(null)).bind("i", s.mailIntro().orElse(null)).bind("u", publicUrl.orElse(null))
                    .bind("now", clock.instant()).bind("by", actor)
                    .execute();
            audit.record(Optional.of(accountId), actor, "settings.save", "branding, download links, e-mail text and server address saved");
        });
    }

    private static void check(String field, Optional<String> url) {
        url.ifPresent(u -> {
            try {
                URI parsed = URI.create(u);
                if (!"https".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
                    throw new IllegalArgumentException(field + ": '" + u + "' must be an https:// link");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith(field) ? e.getMessage() : field + ": '" + u + "' is not a link");
            }
        });
    }
}
