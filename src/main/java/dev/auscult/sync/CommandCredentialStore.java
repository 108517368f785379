package dev.auscult.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The OS credential store through its own command-line tool, with the secret passed on stdin (never
 * on the command line, where other users could see it in the process list): macOS Keychain via
 * {@code security -i}, the Linux Secret Service via {@code secret-tool}.
 */
public final class CommandCredentialStore implements CredentialStore {

    static final String SERVICE = "dev.auscult.agent";

    private final Kind kind;

    public enum Kind { MAC_KEYCHAIN, SECRET_SERVICE }

    public CommandCredentialStore(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String description() {
        return kind == Kind.MAC_KEYCHAIN ? "the macOS Keychain" : "the desktop keyring (Secret Service)";
    }

    @Override
    public void save(String accountId, ApiToken token) throws IOException {
        switch (kind) {
            case MAC_KEYCHAIN -> run(List.of("security", "-i"), "add-generic-password -U -a " + quote(accountId) + " -s " + SERVICE
                    + " -w " + quote(token.value()) + "\n");
            case SECRET_SERVICE -> run(List.of("secret-tool", "store", "--label=Auscult agent token", "service", SERVICE, "account", accountId),
                    token.value());
        }
    }

    @Override
    public Optional<ApiToken> load(String accountId) throws IOException {
        String out = switch (kind) {
            case MAC_KEYCHAIN -> run(List.of("security", "find-generic-password", "-a", accountId, "-s", SERVICE, "-w"), "");
            case SECRET_SERVICE -> run(List.of("secret-tool", "lookup", "service", SERVICE, "account", accountId), "");
        };
        String t = out.strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(new ApiToken(t));
    }

    @Override
    public void delete(String accountId) throws IOException {
        switch (kind) {
            case MAC_KEYCHAIN -> run(List.of("security", "delete-generic-password", "-a", accountId, "-s", SERVICE), "");
            case SECRET_SERVICE -> run(List.of("secret-tool", "clear", "service", SERVICE, "account", accountId), "");
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Through the agent's one process gateway: the tool from the system's directories, never the user's PATH. */
    private static String run(List<String> argv, String stdin) throws IOException {
        dev.auscult.probe.Reading r = new dev.auscult.probe.ProcessRunner(java.time.Duration.ofSeconds(15), 64 * 1024)
                .run("credential-store", argv, stdin);
        if (r instanceof dev.auscult.probe.Reading.CommandOutput c) {
            if (c.exitCode() != 0) {
                // the error text of these tools never contains the secret, but keep it short anyway
                throw new IOException(argv.getFirst() + " exited with code " + c.exitCode());
            }
            return c.stdout();
        }
        throw new IOException(argv.getFirst() + ": " + r.problem());
    }
}
