package dev.auscult.server.console;

import dev.auscult.server.mail.ActivationMail;
import dev.auscult.server.mail.Mailer;
import dev.auscult.server.store.Settings;
import java.util.Optional;
import java.util.function.Function;

/** The account's settings: branding, download links, the activation mail's words, the public address; a sample mail. */
public final class SettingsPage {

    public record View(Nav nav, Settings s, String accountName, String smtp, String defaultIntro, Optional<String> serverDefaultUrl,
                       Optional<String> message, Optional<String> error) implements ConsoleView {
        @Override
        public String template() {
            return "settings.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/settings", r -> show(r, Optional.empty(), Optional.empty()));
        routes.post("/console/settings", SettingsPage::save);
        routes.post("/console/settings/test-mail", SettingsPage::testMail);
        routes.get("/console/brand.css", SettingsPage::brand);
    }

    /** The account's accent colour as a stylesheet (the CSP allows no inline styles). */
    private static void brand(ConsoleRequest r) {
        String colour = r.services().settings().get(r.account()).accentColour().filter(c -> c.matches("#[0-9a-fA-F]{6}")).orElse("");
        r.ctx().contentType("text/css; charset=utf-8").result(colour.isEmpty() ? "" : ":root { --accent: " + colour + "; }\n");
    }

    private static void save(ConsoleRequest r) {
        Function<String, Optional<String>> f = n -> r.form(n).map(String::strip).filter(v -> !v.isEmpty());
        try {
            r.services().settings().save(r.account(), new Settings(f.apply("displayName"), f.apply("accentColour"), f.apply("logoUrl"),
                    f.apply("downloadMacos"), f.apply("downloadWindows"), f.apply("downloadLinux"), f.apply("mailIntro"), f.apply("publicUrl")),
                    r.actor());
            show(r, Optional.of("Settings saved."), Optional.empty());
        } catch (IllegalArgumentException e) {
            r.unprocessable();
            show(r, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** A sample of the activation e-mail to the administrator, with a code that cannot activate anything. */
    private static void testMail(ConsoleRequest r) {
        String to = r.session().username();
        try {
            r.services().sender().sendSample(r.account(), to, r.actor());
            show(r, Optional.of("A sample was sent to " + to + "."), Optional.empty());
        } catch (IllegalArgumentException e) {
            show(r, Optional.empty(), Optional.of(e.getMessage()));
        } catch (Mailer.MailException e) {
            show(r, Optional.empty(), Optional.of("The sample could not be sent: " + e.getMessage()));
        }
    }

    private static void show(ConsoleRequest r, Optional<String> message, Optional<String> error) {
        var s = r.services();
        r.render(new View(r.nav("settings"), s.settings().get(r.account()), s.accounts().require(r.account().id()).name(),
                s.config().smtp().map(m -> "Mail goes out through " + m + ", from " + m.from() + ".")
                        .orElse("No mail server is configured: sending activations fails; export the CSV instead."),
                ActivationMail.DEFAULT_INTRO, s.config().publicUrl(), message, error));
    }
}
