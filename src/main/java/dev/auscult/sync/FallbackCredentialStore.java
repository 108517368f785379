package dev.auscult.sync;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/** The OS store when it works (a headless Linux box may have no keyring), else the owner-only file. */
public final class FallbackCredentialStore implements CredentialStore {

    private static final System.Logger LOG = System.getLogger(FallbackCredentialStore.class.getName());

    private final CredentialStore primary;
    private final CredentialStore fallback;

    public FallbackCredentialStore(CredentialStore primary, CredentialStore fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String description() {
        return primary.description() + ", else " + fallback.description();
    }

    @Override
    public void save(String accountId, ApiToken token) throws IOException {
        try {
            primary.save(accountId, token);
            fallback.delete(accountId);
        } catch (IOException e) {
            LOG.log(Level.INFO, "{0} unavailable ({1}); storing the token in {2}", primary.description(), e.getMessage(), fallback.description());
            fallback.save(accountId, token);
        }
    }

    @Override
    public Optional<ApiToken> load(String accountId) throws IOException {
        try {
            Optional<ApiToken> t = primary.load(accountId);
            if (t.isPresent()) {
                return t;
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: {1}", primary.description(), e.getMessage());
        }
        return fallback.load(accountId);
    }

    @Override
    public void delete(String accountId) throws IOException {
        try {
            primary.delete(accountId);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: {1}", primary.description(), e.getMessage());
        }
        fallback.delete(accountId);
    }
}
