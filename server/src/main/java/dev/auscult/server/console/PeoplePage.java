package dev.auscult.server.console;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Person;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The people of the account (imported from CSV or provisioned by SCIM), who has no device yet, and SCIM tokens. */
public final class PeoplePage {

    public record View(Nav nav, List<Person> people, Set<String> withoutDevice, int scimTokens, Optional<String> message, List<String> problems)
            implements ConsoleView {
        @Override
        public String template() {
            return "people.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/people", r -> show(r, Optional.empty(), List.of()));
        routes.post("/console/people/import", PeoplePage::importCsv);
        routes.post("/console/people/scim-token", PeoplePage::scimToken);
    }

    private static void importCsv(ConsoleRequest r) {
        io.javalin.http.UploadedFile file = r.ctx().uploadedFile("file");
        String text;
        if (file != null && file.size() > 0) {
            try (InputStream in = file.content()) {
                text = new String(in.readNBytes(r.services().config().maxRequestBytes()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            text = r.formOrBlank("csv");
        }
        var result = r.services().people().importCsv(r.account(), text, r.actor());
        show(r, Optional.of(result.added() + " added, " + result.updated() + " updated."), result.problems());
    }

    /**
     * A new SCIM token as a file download, never on a page (where it would stay in the history and the screen):
     * with the base URL the identity provider needs. Older tokens keep working until revoked from the CLI.
     */
    private static void scimToken(ConsoleRequest r) {
        Account account = r.account();
        String token = r.services().scim().newToken(account, r.actor());
        String base = r.services().settings().publicUrl(account).map(u -> u.replaceAll("/+$", "")).orElse("https://<this server>");
        r.attachment("auscult-scim-token-" + account + ".txt").contentType("text/plain; charset=utf-8")
                .result("SCIM 2.0 provisioning for Auscult, account " + account + "\n"
                        + "Base URL: " + base + "/scim/v2\n" + "Bearer token (keep it like a password; it is shown only in this file): " + token + "\n");
    }

    private static void show(ConsoleRequest r, Optional<String> message, List<String> problems) {
        var s = r.services();
        Account account = r.account();
        r.render(new View(r.nav("people"), s.people().all(account), s.people().withoutDevice(account).stream().map(Person::email)
                .collect(Collectors.toSet()), s.scim().tokenCount(account), message, problems));
    }
}
