package dev.auscult.server.store;

import java.time.Instant;

/** The {@code account_settings} table: one row per account, replaced whole. */
public interface SettingsStore {

    /** The account's settings; {@link Settings#none()} when it never saved any. Blank values read as empty. */
    Settings get(Account account);

    void save(Account account, Settings settings, String by, Instant at);
}
