package dev.auscult.server.service;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import dev.auscult.server.mail.MailLook;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.Settings;
import dev.auscult.server.store.Tx;

/**
 * Per-account settings from the console: the organisation's name and look as people see them (in the
 * activation e-mail and the console), where they download the agent, and the e-mail's opening words.
 * Validated on save: colours are {@code #rrggbb}, links https, texts bounded.
 */
public final class AccountSettings {

    private final Tx tx;
    private final Audit audit;
    private final Clock clock;
    private final Optional<String> serverPublicUrl;

    public AccountSettings(Tx tx, Audit audit, Clock clock, Optional<String> serverPublicUrl) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.serverPublicUrl = serverPublicUrl.map(AccountSettings::publicUrlChecked);
    }

    /**
     * The address that travels with this account's activation codes: the account's own, else the server's publicUrl
     * setting; empty when neither is set (the console then warns: codes go out without an address).
     */
    public Optional<String> publicUrl(Account account) {
        return get(account).publicUrl().or(() -> serverPublicUrl);
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

    public Settings get(Account account) {
        return tx.read(s -> s.settings().get(account));
    }

    /** What the account's activation mail takes of its settings. */
    public MailLook mailLook(Account account) {
        Settings s = get(account);
        return new MailLook(s.displayName(), s.mailIntro(), s.logoUrl(), s.downloadMacos(), s.downloadWindows(), s.downloadLinux());
    }

    /** Saves after checking every field; the message of the exception names the field that is wrong. */
    public void save(Account account, Settings s, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
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
        Settings checked = new Settings(s.displayName(), s.accentColour(), s.logoUrl(), s.downloadMacos(), s.downloadWindows(), s.downloadLinux(),
                s.mailIntro(), publicUrl);
        tx.use(st -> {
            st.settings().save(account, checked, actor, clock.instant());
            audit.record(Optional.of(account.id()), actor, "settings.save", "branding, download links, e-mail text and server address saved");
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
