package dev.auscult.app;

import dev.auscult.platform.DeepLink;
import dev.auscult.report.ReportJson;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.SignInConfirmer;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Answers an {@code auscult://prove} link: only for the server this device is activated with, only once the person
 * has agreed for that server, and always after a fresh scan has reached the server — so the sign-in is decided on
 * what the device is now, and "Check again" after a fix admits at once.
 */
public final class DeviceConfirmation {

    /** How answering a link ended. */
    public sealed interface Outcome {
        /** The server decided: the site, ALLOWED/WARNED/DENIED and the practices that decided. */
        record Answered(SignInConfirmer.Confirmation confirmation) implements Outcome {
        }

        /** This device is not activated: there is nothing to confirm with. */
        record NotActivated() implements Outcome {
        }

        /** The link names another server than the one this device reports to: nothing was sent. */
        record OtherServer(URI link, URI backend) implements Outcome {
        }

        /** The person has not agreed to sign-ins confirmed for this server yet: ask, then call again with consent. */
        record NeedsConsent(URI server) implements Outcome {
        }

        /** The server could not be reached or refused; the reason in plain words. */
        record Failed(String reason, boolean revoked) implements Outcome {
        }
    }

    private final AgentServices services;
    private final SignInConsent consent;

    public DeviceConfirmation(AgentServices services) {
        this.services = services;
        this.consent = new SignInConsent(services.paths().stateDir());
    }

    public SignInConsent consent() {
        return consent;
    }

    public Outcome answer(DeepLink.Prove link) throws IOException {
        Optional<ActivationRecord> a = services.syncState().activation();
        if (a.isEmpty()) {
            return new Outcome.NotActivated();
        }
        if (!SignInConfirmer.sameServer(link.server(), a.get().backend())) {
            return new Outcome.OtherServer(link.server(), a.get().backend());
        }
        if (!consent.given(a.get().backend())) {
            return new Outcome.NeedsConsent(a.get().backend());
        }
        try {
            scanAndUpload();
            return new Outcome.Answered(new SignInConfirmer(services.syncState(), services.credentials(), System.getenv()).confirm(a.get(), link.challenge()));
        } catch (BackendException e) {
            return new Outcome.Failed(e.getMessage(), e.kind() == BackendException.Kind.UNAUTHORIZED);
        } catch (dev.auscult.policy.PolicyException e) {
            return new Outcome.Failed(e.getMessage(), false);
        }
    }

    /** The same chain as every scan: the backend's policy (refreshed when it can be), then upload what waits. */
    private void scanAndUpload() throws IOException, BackendException, dev.auscult.policy.PolicyException {
        try {
            services.policySync().refresh();
        } catch (BackendException | dev.auscult.policy.PolicyException e) {
            // the cached policy still applies; the confirmation below says whether the server is reachable
        }
        PolicySource.Choice choice = services.policySource(new dev.auscult.policy.PolicyLoader()).current();
        var report = services.scans().scanThisMachine(choice.policy(), choice.ref()).report();
        services.outbox().add(new ReportJson().write(report));
        var outcome = services.uploader().drain();
        if (outcome.problem().isPresent()) {
            throw outcome.problem().get();
        }
    }
}
