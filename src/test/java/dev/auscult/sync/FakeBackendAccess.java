package dev.auscult.sync;

import java.io.IOException;
import java.net.URI;

/** The fake backend for tests in other packages (the UI's wizard test). */
public final class FakeBackendAccess implements AutoCloseable {

    private final FakeBackend backend;
    private final String account;

    private FakeBackendAccess(FakeBackend backend, String account) {
        this.backend = backend;
        this.account = account;
    }

    public static FakeBackendAccess start(String account) throws IOException {
        FakeBackend b = new FakeBackend();
        b.addAccount(account);
        return new FakeBackendAccess(b, account);
    }

    public URI url() {
        return backend.url();
    }

    public String newCode() {
        return backend.newCode(account);
    }

    @Override
    public void close() {
        backend.close();
    }
}
