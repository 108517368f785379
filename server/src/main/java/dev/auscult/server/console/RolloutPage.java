package dev.auscult.server.console;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.RolloutKit;
import java.util.Optional;

/** The roll-out kit: MDM scripts and profiles with this server's address, and codes for those who have no device yet. */
public final class RolloutPage {

    public record View(Nav nav, Optional<String> serverAddress, int withoutDevice, int people, Optional<String> error) implements ConsoleView {
        @Override
        public String template() {
            return "rollout.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/rollout", r -> show(r, Optional.empty()));
        routes.post("/console/rollout", RolloutPage::kit);
    }

    /** The kit as a download: it may hold live codes, so it is never cached and never shown. */
    private static void kit(ConsoleRequest r) {
        RolloutKit.Codes codes = switch (r.form("codes").orElse("none")) {
            case "without-device" -> RolloutKit.Codes.WITHOUT_DEVICE;
            case "everyone" -> RolloutKit.Codes.EVERYONE;
            default -> RolloutKit.Codes.NONE;
        };
        byte[] zip;
        try {
            zip = r.services().rollout().zip(r.account(), codes, r.actor());
        } catch (IllegalArgumentException e) {
            show(r, Optional.of(e.getMessage()));
            return;
        }
        r.attachment("auscult-rollout-" + r.account() + ".zip").contentType("application/zip").result(zip);
    }

    private static void show(ConsoleRequest r, Optional<String> error) {
        var s = r.services();
        Account account = r.account();
        if (error.isPresent()) {
            r.unprocessable();
        }
        r.render(new View(r.nav("settings"), s.settings().publicUrl(account), s.people().withoutDevice(account).size(),
                (int) s.people().all(account).stream().filter(x -> x.active()).count(), error));
    }
}
