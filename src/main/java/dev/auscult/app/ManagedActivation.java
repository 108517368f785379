package dev.auscult.app;

import dev.auscult.platform.Background;
import dev.auscult.config.ManagedActivationSettings;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.BackendException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Silent activation from the managed (MDM) configuration at first start: {@code backendUrl},
 * {@code account}, {@code ownerEmail} and {@code activationCode} in the managed config.yaml — or an
 * {@code activationCsv} of {@code email,code} rows, from which the row of this user is taken (the
 * email's local part equals the OS user name).
 */
public final class ManagedActivation {

    private static final System.Logger LOG = System.getLogger(ManagedActivation.class.getName());

    private ManagedActivation() {
    }

    /**
     * In the background; the outcome is told to the user (the window's notice), and on success {@code activated}
     * runs — the caller uploads a first report at once instead of at the next scheduled scan.
     */
    public static void attempt(AgentServices agent, Consumer<Optional<SyncNotice>> tell, Runnable activated) {
        Background.run("auscult-managed-activation", () -> {
            try {
                if (agent.syncState().activation().isPresent()) {
                    return;
                }
                ManagedActivationSettings m = agent.config().managedActivation();
                if (agent.config().backendUrl().isEmpty() || m.account().isEmpty()) {
                    return;
                }
                Optional<String[]> emailCode = m.code().isPresent() && m.email().isPresent()
                        ? Optional.of(new String[] {m.email().get(), m.code().get()})
                        : m.csv().flatMap(csv -> rowFor(csv, System.getProperty("user.name", "")));
                if (emailCode.isEmpty()) {
                    return;
                }
                var facts = agent.deviceFacts();
                ActivationRecord r = agent.activator().activate(agent.config().backendUrl().get(), emailCode.get()[0], m.account().get(),
                        emailCode.get()[1], facts, agent.deviceUuid(facts), false);
                LOG.log(Level.INFO, "activated from the managed configuration: device {0}, account {1}", r.deviceId(), r.accountId());
                activated.run();
                tell.accept(Optional.of(new SyncNotice.ManagedActivated(r.email(), r.accountId())));
            } catch (BackendException e) {
                LOG.log(Level.WARNING, "managed activation failed: {0}", e.getMessage());
                tell.accept(Optional.of(new SyncNotice.ManagedActivationFailed(e.kind())));
            } catch (IOException | dev.auscult.sync.Activator.AlreadyActivated | RuntimeException e) {
                LOG.log(Level.WARNING, "managed activation failed: {0}", e.toString());
            }
        });
    }

    /** The email,code row whose email belongs to this user; a header row and blank lines are skipped. */
    static Optional<String[]> rowFor(Path csv, String user) {
        try {
            return dev.auscult.sync.ActivationCsv.forUser(Files.readAllLines(csv), user).map(r -> new String[] {r.email(), r.code()});
        } catch (IOException e) {
            LOG.log(Level.WARNING, "activation CSV {0} unreadable: {1}", csv, e.getMessage());
        }
        return Optional.empty();
    }
}
