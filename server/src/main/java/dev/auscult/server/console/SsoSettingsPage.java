package dev.auscult.server.console;

import dev.auscult.server.service.AdminSso;
import java.util.Map;
import java.util.Optional;

/** Administrators signing in through the organisation's identity provider: its issuer, client, and groups to roles. */
public final class SsoSettingsPage {

    public record View(Nav nav, Optional<AdminSso.Config> config, String callback, Optional<String> message, Optional<String> error,
                       Map<String, String> form) implements ConsoleView {
        @Override
        public String template() {
            return "sso.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/sso", r -> show(r, Optional.empty(), Optional.empty(), Map.of()));
        routes.post("/console/sso", SsoSettingsPage::save);
    }

    /** The console's own address for the provider's answer: the public URL when set (what the provider was told), else this request's. */
    public static String callback(String publicBase) {
        return publicBase + "/console/sso/callback";
    }

    private static void save(ConsoleRequest r) {
        try {
            r.services().adminSso().save(r.account(), r.ctx().formParam("issuer"), r.ctx().formParam("clientId"), r.form("clientSecret"),
                    r.ctx().formParam("groupsClaim"), r.ctx().formParam("mappings"), "on".equals(r.formOrBlank("ownersOnly")), r.actor());
            show(r, Optional.of("Saved. Sign out and use \u201cSign in with single sign-on\u201d to try it; your password still works."), Optional.empty(),
                    Map.of());
        } catch (IllegalArgumentException e) {
            // what was typed comes back (never the secret)
            show(r, Optional.empty(), Optional.of(e.getMessage()), Map.of("issuer", String.valueOf(r.ctx().formParam("issuer")),
                    "clientId", String.valueOf(r.ctx().formParam("clientId")), "groupsClaim", String.valueOf(r.ctx().formParam("groupsClaim")),
                    "mappings", String.valueOf(r.ctx().formParam("mappings"))));
        }
    }

    private static void show(ConsoleRequest r, Optional<String> message, Optional<String> error, Map<String, String> form) {
        if (error.isPresent()) {
            r.unprocessable();
        }
        r.render(new View(r.nav("settings"), r.services().adminSso().find(r.account()), callback(r.publicBase()), message, error, form));
    }
}
