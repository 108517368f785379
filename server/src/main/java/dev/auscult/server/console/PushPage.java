package dev.auscult.server.console;

import dev.auscult.server.service.Deliveries;
import dev.auscult.server.store.DeliveryTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where posture changes are pushed: webhooks, Shared Signals receivers, Tailscale, JupiterOne — added, tested, disabled. */
public final class PushPage {

    public record View(Nav nav, List<DeliveryTarget> targets, String transmitter, Optional<String> message, Optional<String> error, Instant now)
            implements ConsoleView {
        @Override
        public String template() {
            return "push.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/push", r -> show(r, Optional.empty(), Optional.empty()));
        routes.post("/console/push/webhook", r -> {
            try {
                var made = add(r, DeliveryTarget.Kind.WEBHOOK, r.ctx().formParam("url"), Optional.empty(), Optional.empty());
                r.attachment("auscult-webhook-" + made.target().id() + ".txt").contentType("text/plain; charset=utf-8")
                        .result("Auscult webhook \u201c" + made.target().name() + "\u201d to " + made.target().url()
                                + "\nSigning secret (Standard Webhooks: HMAC-SHA256 over webhook-id.webhook-timestamp.body, header webhook-signature: "
                                + "v1,<base64>):\n" + made.secret().orElseThrow() + "\n");
            } catch (IllegalArgumentException e) {
                show(r, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        routes.post("/console/push/ssf", r -> added(r, DeliveryTarget.Kind.SSF, r.ctx().formParam("url"), r.form("audience"), r.form("token"),
                "changes from now on are pushed to it."));
        routes.post("/console/push/tailscale", r -> added(r, DeliveryTarget.Kind.TAILSCALE, api(r, "https://api.tailscale.com/api/v2"),
                r.form("tailnet"), r.form("token"), "each device's custom:auscultCompliant is set from now on."));
        routes.post("/console/push/jupiterone", r -> added(r, DeliveryTarget.Kind.JUPITERONE, api(r, Deliveries.JUPITERONE_API), r.form("account"),
                r.form("key"), "each device's posture is written to JupiterOne from now on."));
        routes.post("/console/push/test", r -> {
            long id = Long.parseLong(r.formOrBlank("id").strip());
            boolean queued = r.services().deliveries().test(r.account(), id, r.actor());
            show(r, queued ? Optional.of("A test event is on its way; the table shows when it was delivered.") : Optional.empty(),
                    queued ? Optional.empty() : Optional.of("No such active target."));
        });
        routes.post("/console/push/disable", r -> {
            boolean done = r.services().deliveries().disable(r.account(), Long.parseLong(r.formOrBlank("id").strip()), r.actor());
            show(r, done ? Optional.of("Disabled: nothing more is queued for it.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("No such active target."));
        });
    }

    /** The API address typed in the form, else the service's own. */
    private static String api(ConsoleRequest r, String otherwise) {
        return r.form("url").map(String::strip).filter(u -> !u.isEmpty()).orElse(otherwise);
    }

    private static Deliveries.Made add(ConsoleRequest r, DeliveryTarget.Kind kind, String url, Optional<String> audience, Optional<String> secret) {
        return r.services().deliveries().add(r.account(), kind, r.ctx().formParam("name"), url, audience, secret, r.actor());
    }

    private static void added(ConsoleRequest r, DeliveryTarget.Kind kind, String url, Optional<String> audience, Optional<String> secret,
                              String effect) {
        try {
            var made = add(r, kind, url, audience, secret);
            show(r, Optional.of("Added \u201c" + made.target().name() + "\u201d: " + effect), Optional.empty());
        } catch (IllegalArgumentException e) {
            show(r, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static void show(ConsoleRequest r, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            r.unprocessable();
        }
        r.render(new View(r.nav("settings"), r.services().deliveries().list(r.account()), r.publicBase() + "/.well-known/ssf-configuration", message,
                error, r.services().clock().instant()));
    }
}
