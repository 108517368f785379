package dev.auscult.server.console;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.ApiTokens;
import dev.auscult.server.service.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens: made for a role and a time, shown once in a download, revoked here. */
public final class ApiTokensPage {

    public record View(Nav nav, List<ApiTokens.Token> tokens, Optional<String> message, Optional<String> error, Instant now) implements ConsoleView {
        @Override
        public String template() {
            return "api-tokens.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/api-tokens", r -> show(r, Optional.empty(), Optional.empty()));
        routes.post("/console/api-tokens", ApiTokensPage::make);
        routes.post("/console/api-tokens/revoke", r -> {
            long id = Long.parseLong(r.form("id").orElse("0"));
            boolean done = r.services().apiTokens().revoke(r.account(), id, r.actor());
            show(r, done ? Optional.of("Revoked; it stops working now.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("No such token in this account, or it was revoked already."));
        });
    }

    /** A new API token as a file download, never on a page. */
    private static void make(ConsoleRequest r) {
        Account account = r.account();
        try {
            var made = r.services().apiTokens().create(account, r.formOrBlank("name"), Role.parse(r.formOrBlank("role")),
                    Integer.parseInt(r.form("days").orElse("90").strip()), r.actor());
            String base = r.services().settings().publicUrl(account).map(u -> u.replaceAll("/+$", "")).orElse("https://<this server>");
            r.attachment("auscult-api-token-" + account + ".txt").contentType("text/plain; charset=utf-8")
                    .result("Auscult API token \u201c" + made.token().name() + "\u201d, role " + made.token().role().label() + ", account " + account
                            + ", valid until " + When.day(made.token().expiresAt()) + "\n"
                            + "API: " + base + "/api/v1 (described at " + base + "/api/v1/openapi.json)\n"
                            + "Header: Authorization: Bearer " + made.secret() + "\n");
        } catch (IllegalArgumentException e) {
            show(r, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static void show(ConsoleRequest r, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            r.unprocessable();
        }
        r.render(new View(r.nav("settings"), r.services().apiTokens().list(r.account()), message, error, r.services().clock().instant()));
    }
}
