package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link SettingsStore} in SQL. */
final class JdbiSettingsStore implements SettingsStore {

    private final Handle h;

    JdbiSettingsStore(Handle h) {
        this.h = h;
    }

    @Override
    public Settings get(Account account) {
        return h.createQuery("SELECT display_name, accent_colour, logo_url, download_macos, download_windows, download_linux, mail_intro, public_url "
                        + "FROM account_settings WHERE account_id = :a").bind("a", account.id())
                .map((rs, ctx) -> new Settings(given(rs.getString(1)), given(rs.getString(2)), given(rs.getString(3)), given(rs.getString(4)),
                        given(rs.getString(5)), given(rs.getString(6)), given(rs.getString(7)), given(rs.getString(8))))
                .findOne().orElse(Settings.none());
    }

    private static Optional<String> given(String s) {
        return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public void save(Account account, Settings s, String by, Instant at) {
        h.createUpdate("DELETE FROM account_settings WHERE account_id = :a").bind("a", account.id()).execute();
        h.createUpdate("INSERT INTO account_settings (account_id, display_name, accent_colour, logo_url, download_macos, download_windows, "
                        + "download_linux, mail_intro, public_url, updated_at, updated_by) VALUES (:a, :n, :c, :l, :m, :w, :x, :i, :u, :now, :by)")
                .bind("a", account.id()).bind("n", s.displayName().orElse(null)).bind("c", s.accentColour().orElse(null))
                .bind("l", s.logoUrl().orElse(null)).bind("m", s.downloadMacos().orElse(null)).bind("w", s.downloadWindows().orElse(null))
                .bind("x", s.downloadLinux().orElse(null)).bind("i", s.mailIntro().orElse(null)).bind("u", s.publicUrl().orElse(null))
                .bind("now", at).bind("by", by).execute();
    }
}
