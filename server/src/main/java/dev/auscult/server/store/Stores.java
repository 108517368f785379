package dev.auscult.server.store;

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

    AccountStore accounts();

    TokenStore tokens();

    FleetStore fleet();

    SignInGrantStore grants();

    SigningKeyStore signingKeys();

    SignInClientStore signInClients();

    SsoStore sso();

    AttemptStore attempts();

    SignInStore signIns();

    DeliveryStore deliveries();
}
