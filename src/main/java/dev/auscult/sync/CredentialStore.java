package dev.auscult.sync;

import java.io.IOException;
import java.util.Optional;

/** Where the API token lives: the OS credential store where there is one, else an owner-only file. */
public interface CredentialStore {

    /** For status output: which store, never the token. */
    String description();

    void save(String accountId, ApiToken token) throws IOException;

    Optional<ApiToken> load(String accountId) throws IOException;

    void delete(String accountId) throws IOException;
}
