package dev.auscult.server.console;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.SignIns;
import dev.auscult.server.store.SignInClient;
import dev.auscult.server.store.SignInGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Device trust: the relying parties of the device step, the sign-in decisions, and exceptions granted for a time. */
public final class DeviceTrustPage {

    public record View(Nav nav, List<SignInClient> clients, List<SignIns.Decided> decisions, Map<String, Integer> counts, String issuer,
                       Optional<String> message, Optional<String> error, List<SignInGrant> exceptions, Instant now) implements ConsoleView {
        @Override
        public String template() {
            return "device-trust.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/device-trust", r -> show(r, Optional.empty(), Optional.empty()));
        routes.post("/console/device-trust/clients", DeviceTrustPage::register);
        routes.post("/console/device-trust/clients/revoke", r -> {
            boolean done = r.services().signInClients().revoke(r.account(), r.formOrBlank("client"), r.actor());
            show(r, done ? Optional.of("Revoked: sign-ins through it stop now.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("No such client in this account, or it was already revoked."));
        });
        routes.post("/console/device-trust/exceptions", r -> {
            try {
                var g = r.services().signInExceptions().grant(r.account(), r.form("person"), r.form("practice"), r.ctx().formParam("reason"),
                        Integer.parseInt(r.form("days").orElse("7").strip()), r.actor());
                show(r, Optional.of("Exception #" + g.id() + " in force: " + g.describe()), Optional.empty());
            } catch (IllegalArgumentException e) {
                show(r, Optional.empty(), Optional.of(e instanceof NumberFormatException ? "days must be a whole number" : e.getMessage()));
            }
        });
        routes.post("/console/device-trust/exceptions/revoke", r -> {
            boolean done = r.services().signInExceptions().revoke(r.account(), Long.parseLong(r.formOrBlank("id").strip()), r.actor());
            show(r, done ? Optional.of("Exception revoked: the practice counts again at the next sign-in.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("No such exception in force in this account."));
        });
    }

    /** The device step's issuer as identity providers must be told it: the public URL, else the address this page was reached at. */
    private static String issuer(ConsoleRequest r) {
        return r.publicBase() + "/oidc";
    }

    /** A new sign-in client: its ID and secret as a file download, never on a page (the secret is kept only as a hash). */
    private static void register(ConsoleRequest r) {
        Account account = r.account();
        try {
            var made = r.services().signInClients().register(account, r.formOrBlank("name"), r.formOrBlank("redirects").lines().toList(), r.actor());
            String issuer = issuer(r);
            r.attachment("auscult-signin-client-" + made.client().clientId() + ".txt").contentType("text/plain; charset=utf-8")
                    .result("Auscult device step for \u201c" + made.client().name() + "\u201d (account " + account + ")\n"
                            + "Issuer: " + issuer + "\nDiscovery: " + issuer + "/.well-known/openid-configuration\n"
                            + "Authorization endpoint: " + issuer + "/authorize\nToken endpoint: " + issuer + "/token\nJWKS: " + issuer + "/jwks\n"
                            + "Client ID: " + made.client().clientId() + "\nClient secret: " + made.secret() + "\n"
                            + "Client authentication: client_secret_basic or client_secret_post; PKCE S256; scopes: openid email\n"
                            + "Redirect URIs:\n  " + String.join("\n  ", made.client().redirectUris()) + "\n");
        } catch (IllegalArgumentException e) {
            show(r, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static void show(ConsoleRequest r, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            r.unprocessable();
        }
        var s = r.services();
        Account account = r.account();
        r.render(new View(r.nav("trust"), s.signInClients().list(account), s.signIns().decisions(account, Optional.empty(), 100),
                s.signIns().counts(account, s.clock().instant().minus(Duration.ofDays(7))), issuer(r), message, error,
                s.signInExceptions().list(account), s.clock().instant()));
    }
}
