package dev.auscult.server.console;

import dev.auscult.server.service.Admins;
import dev.auscult.server.service.People;
import dev.auscult.server.service.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The account's administrators: added, given a role or a new password, unlocked after failed sign-ins, removed. */
public final class AdministratorsPage {

    public record View(Nav nav, List<Admins.Admin> admins, Optional<String> message, Optional<String> error, Instant now) implements ConsoleView {
        @Override
        public String template() {
            return "administrators.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/administrators", r -> show(r, Optional.empty(), Optional.empty()));
        routes.post("/console/administrators/add", AdministratorsPage::add);
        routes.post("/console/administrators/password", AdministratorsPage::password);
        routes.post("/console/administrators/role", r -> {
            String who = r.formOrBlank("username");
            try {
                Role role = Role.parse(r.formOrBlank("role"));
                boolean done = r.services().admins().changeRole(r.account(), who, role, r.actor());
                show(r, done ? Optional.of(who + " is now " + role.label() + ".") : Optional.empty(),
                        done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
            } catch (IllegalArgumentException e) {
                show(r, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        routes.post("/console/administrators/unlock", r -> {
            String who = r.formOrBlank("username");
            boolean done = r.services().admins().unlock(r.account(), who, r.actor());
            show(r, done ? Optional.of("Sign-in holds on " + who + " lifted.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
        });
        routes.post("/console/administrators/remove", r -> {
            String who = r.formOrBlank("username");
            if (!r.confirmed("Remove " + who + "?", who + " can no longer sign in to the console; their sessions end now.",
                    Map.of("username", who), "Remove " + who, "/console/administrators")) {
                return;
            }
            try {
                boolean done = r.services().admins().remove(r.account(), who, r.actor());
                show(r, done ? Optional.of(who + " was removed.") : Optional.empty(),
                        done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
            } catch (IllegalArgumentException e) {
                show(r, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
    }

    /** What is done with a typed password: for whom, with which password. */
    @FunctionalInterface
    private interface WithPassword {
        void apply(String who, String password);
    }

    /**
     * Two password fields that must agree (a typo in a password nobody sees is otherwise found at the next sign-in):
     * the change runs only when they do; a refusal of the service shows on the page.
     */
    private static void withTypedPassword(ConsoleRequest r, WithPassword change) {
        String who = r.formOrBlank("username").strip();
        String password = r.formOrBlank("password");
        if (!password.equals(r.formOrBlank("again"))) {
            show(r, Optional.empty(), Optional.of("The two passwords differ; nothing was changed."));
            return;
        }
        try {
            change.apply(who, password);
        } catch (IllegalArgumentException e) {
            show(r, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static void add(ConsoleRequest r) {
        withTypedPassword(r, (who, password) -> {
            People.normaliseEmail(who);
            r.services().admins().create(r.account(), who, password, Role.parse(r.form("role").orElse("OWNER")), r.actor());
            show(r, Optional.of(who + " can now sign in to this account's console."), Optional.empty());
        });
    }

    private static void password(ConsoleRequest r) {
        withTypedPassword(r, (who, password) -> {
            boolean done = r.services().admins().setPassword(r.account(), who, password, r.actor());
            show(r, done ? Optional.of("New password set for " + who + "; their sessions have ended.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
        });
    }

    private static void show(ConsoleRequest r, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            r.unprocessable();
        }
        r.render(new View(r.nav("settings"), r.services().admins().list(r.account()), message, error, r.services().clock().instant()));
    }
}
