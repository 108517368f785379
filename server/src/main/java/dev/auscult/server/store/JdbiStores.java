package dev.auscult.server.store;

import org.jdbi.v3.core.Handle;

/** The stores of one unit of work, on its handle. */
final class JdbiStores implements Stores {

    private final Handle h;
    private final boolean skipLocked;

    JdbiStores(Handle h, boolean skipLocked) {
        this.h = h;
        this.skipLocked = skipLocked;
    }

    @Override
    public DeliveryStore deliveries() {
        return new JdbiDeliveryStore(h, skipLocked);
    }

    @Override
    public DeviceStore devices() {
        return new JdbiDeviceStore(h);
    }

    @Override
    public ReportStore reports() {
        return new JdbiReportStore(h);
    }

    @Override
    public CodeStore codes() {
        return new JdbiCodeStore(h);
    }

    @Override
    public AuditStore audit() {
        return new JdbiAuditStore(h);
    }

    @Override
    public MailBatchStore mailBatches() {
        return new JdbiMailBatchStore(h);
    }

    @Override
    public PeopleStore people() {
        return new JdbiPeopleStore(h);
    }

    @Override
    public SettingsStore settings() {
        return new JdbiSettingsStore(h);
    }

    @Override
    public PolicyStore policies() {
        return new JdbiPolicyStore(h);
    }

    @Override
    public AdminStore admins() {
        return new JdbiAdminStore(h);
    }

    @Override
    public AttemptStore attempts() {
        return new JdbiAttemptStore(h);
    }

    @Override
    public SsoStore sso() {
        return new JdbiSsoStore(h);
    }

    @Override
    public SignInClientStore signInClients() {
        return new JdbiSignInClientStore(h);
    }

    @Override
    public SigningKeyStore signingKeys() {
        return new JdbiSigningKeyStore(h);
    }

    @Override
    public SignInGrantStore grants() {
        return new JdbiSignInGrantStore(h);
    }

    @Override
    public FleetStore fleet() {
        return new JdbiFleetStore(h);
    }

    @Override
    public TokenStore tokens() {
        return new JdbiTokenStore(h);
    }

    @Override
    public SignInStore signIns() {
        return new JdbiSignInStore(h);
    }

    @Override
    public AccountStore accounts() {
        return new JdbiAccountStore(h);
    }
}
