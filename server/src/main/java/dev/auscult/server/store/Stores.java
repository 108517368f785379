package dev.auscult.server.store;

import java.util.Optional;

/** The tables of one unit of work ({@link Tx}), one store each. */
public interface Stores {

    DeviceStore devices();

    ReportStore reports();

    CodeStore codes();

    AuditStore audit();

    MailBatchStore mailBatches();

    PeopleStore people();

    SettingsStore settings();

    PolicyStore policies();

    AdminStore admins();

    /**
     * The account an unauthenticated client names before it proves anything (an activation names its account, then
     * its code decides): the account when it exists. The code store's {@code use} is what then admits the client.
     */
    Optional<Account> accountNamed(String id);
}
