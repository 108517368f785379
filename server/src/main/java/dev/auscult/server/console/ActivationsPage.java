package dev.auscult.server.console;

import dev.auscult.server.store.Account;


import dev.auscult.server.service.ActivationSender;
import dev.auscult.server.service.Audience;
import dev.auscult.server.store.CodeStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Activation codes: who has one, sending them by mail (to everyone, to those without a device, to a list), the CSV export. */
public final class ActivationsPage {

    public record View(Nav nav, List<CodeStatus> codes, Optional<ActivationSender.SendReport> sent, Optional<String> message, int people,
                       int withoutDevice, Instant now, String state, String query, String queryString, int page, int pages, int total)
            implements ConsoleView {
        @Override
        public String template() {
            return "activations.jte";
        }
    }

    private static final int CODES_PER_PAGE = 50;

    public void register(PageRoutes routes) {
        routes.get("/console/activations", r -> show(r, Optional.empty(), Optional.empty()));
        routes.post("/console/activations/send", ActivationsPage::send);
        routes.post("/console/activations/resume", ActivationsPage::resume);
        routes.post("/console/activations/export", r -> {
            String csv = r.services().sender().exportCsv(r.account(), audience(r), r.actor());
            r.ctx().header("Content-Disposition", "attachment; filename=\"auscult-activation-codes.csv\"");
            r.ctx().contentType("text/csv; charset=utf-8").result(csv);
        });
        routes.post("/console/activations/revoke-pending", r -> {
            var s = r.services();
            long pending = s.codes().list(r.account()).stream().filter(c -> c.state(s.clock().instant()).equals("pending")).count();
            if (!r.confirmed("Revoke all pending codes?", "This withdraws " + pending + " pending activation code" + (pending == 1 ? "" : "s")
                    + ": whoever has not activated yet needs a new code.", Map.of(), "Revoke " + pending + " codes", "/console/activations")) {
                return;
            }
            int n = s.codes().revokePending(r.account(), Optional.empty(), r.actor());
            show(r, Optional.empty(), Optional.of(n + " pending codes revoked."));
        });
        routes.post("/console/activations/resend", r -> show(r, Optional.of(r.services().sender().send(r.account(),
                new Audience.Listed(List.of(r.formOrBlank("email"))), r.actor())), Optional.empty()));
        routes.post("/console/activations/revoke", r -> {
            long id = Long.parseLong(r.form("code").filter(v -> v.matches("\\d{1,18}")).orElse("0"));
            boolean done = r.services().codes().revokeOne(r.account(), id, r.actor());
            show(r, Optional.empty(), Optional.of(done ? "The code was revoked." : "That code was not pending any more."));
        });
    }

    private static Audience audience(ConsoleRequest r) {
        return switch (r.formOrBlank("audience")) {
            case "all" -> new Audience.Everyone();
            case "emails" -> new Audience.Listed(Arrays.stream(r.formOrBlank("emails").split("[,;\\s]+")).filter(e -> !e.isBlank()).toList(),
                    "on".equals(r.formOrBlank("add-to-people")));
            default -> new Audience.WithoutDevice();
        };
    }

    private static void send(ConsoleRequest r) {
        if ("all".equals(r.formOrBlank("audience"))) {
            long everyone = r.services().people().all(r.account()).stream().filter(x -> x.active()).count();
            if (!r.confirmed("Send a code to everyone?", "Every active person (" + everyone + ") gets an e-mail with a new activation code; "
                    + "the codes they have now stop working.", Map.of("audience", "all"), "Send " + everyone + " e-mails", "/console/activations")) {
                return;
            }
        }
        try {
            show(r, Optional.of(r.services().sender().send(r.account(), audience(r), r.actor())), Optional.empty());
        } catch (IllegalArgumentException e) {
            show(r, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** Only a send of the signed-in account: a batch ID from elsewhere is "not found", never another account's mails. */
    private static void resume(ConsoleRequest r) {
        Optional<ActivationSender.SendReport> sent = r.services().sender().resume(r.account(), r.formOrBlank("batch"), r.actor());
        if (sent.isEmpty()) {
            r.ctx().status(404).result("No such send in this account.");
            return;
        }
        show(r, sent, Optional.empty());
    }

    private static void show(ConsoleRequest r, Optional<ActivationSender.SendReport> sent, Optional<String> message) {
        var s = r.services();
        Account account = r.account();
        Instant now = s.clock().instant();
        // GET filters; after a POST (send, revoke) the list shows the live codes again
        boolean get = r.isGet();
        String state = get ? Optional.ofNullable(r.ctx().queryParam("state")).filter(x -> x.matches("live|all|used|expired|retired")).orElse("live")
                : "live";
        String query = get ? Optional.ofNullable(r.ctx().queryParam("q")).orElse("").strip() : "";
        List<CodeStatus> matching = s.codes().list(account).stream()
                .filter(c -> switch (state) {
                    case "live" -> c.state(now).equals("pending");
                    case "used" -> c.state(now).equals("used");
                    case "expired" -> c.state(now).equals("expired");
                    case "retired" -> c.revokedAt().isPresent();
                    default -> true;
                })
                .filter(c -> query.isEmpty() || c.email().contains(query.toLowerCase(Locale.ROOT))).toList();
        int pages = Math.max(1, (matching.size() + CODES_PER_PAGE - 1) / CODES_PER_PAGE);
        int page = get ? Math.clamp(parseOr(r.ctx().queryParam("page"), 1), 1, pages) : 1;
        r.render(new View(r.nav("activations"), matching.subList((page - 1) * CODES_PER_PAGE, Math.min(matching.size(), page * CODES_PER_PAGE)),
                sent, message, (int) s.people().all(account).stream().filter(x -> x.active()).count(), s.people().withoutDevice(account).size(), now,
                state, query, "state=" + ConsoleRequest.enc(state) + (query.isEmpty() ? "" : "&q=" + ConsoleRequest.enc(query)), page, pages,
                matching.size()));
    }

    private static int parseOr(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
