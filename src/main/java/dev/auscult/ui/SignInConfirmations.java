package dev.auscult.ui;

import dev.auscult.app.DeviceConfirmation;
import dev.auscult.instructions.Instructions;
import dev.auscult.instructions.Template;
import dev.auscult.platform.Background;
import dev.auscult.platform.DeepLink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import javafx.application.Platform;

/**
 * A sign-in page asks this device to confirm itself ({@code auscult://prove}): answered off the FX thread (scan,
 * upload, answer), the person asked once per server first; the outcome shows in the banner ("Sign-in to Acme SSO is
 * blocked until …") and the window opens on it.
 */
final class SignInConfirmations {

    /** Where the outcome is said: in the banner (as news or a problem), then the window shown. */
    interface Banner {
        void say(String words, boolean problem);
    }

    private static final System.Logger LOG = System.getLogger(SignInConfirmations.class.getName());

    private final DeviceConfirmation confirmation;
    private final Instructions instructions;
    private final Windows windows;
    private final UiText text;
    private final Banner banner;

    SignInConfirmations(DeviceConfirmation confirmation, Instructions instructions, Windows windows, UiText text, Banner banner) {
        this.confirmation = confirmation;
        this.instructions = instructions;
        this.windows = windows;
        this.text = text;
        this.banner = banner;
    }

    void prove(DeepLink.Prove link) {
        prove(link, false);
    }

    private void prove(DeepLink.Prove link, boolean consented) {
        Background.run("auscult-prove", () -> {
            DeviceConfirmation.Outcome o;
            try {
                if (consented) {
                    confirmation.consent().give(link.server());
                }
                o = confirmation.answer(link);
            } catch (IOException e) {
                o = new DeviceConfirmation.Outcome.Failed(e.getMessage(), false);
            }
            DeviceConfirmation.Outcome outcome = o;
            Platform.runLater(() -> proved(link, outcome));
        });
    }

    private void proved(DeepLink.Prove link, DeviceConfirmation.Outcome outcome) {
        switch (outcome) {
            case DeviceConfirmation.Outcome.NeedsConsent ask -> windows.ask(text.get("prove.ask.title"), text.get("prove.ask", ask.server().getHost()),
                    text.get("prove.ask.detail")).thenAccept(yes -> {
                        if (yes) {
                            prove(link, true);
                        }
                    });
            case DeviceConfirmation.Outcome.Answered a -> {
                var c = a.confirmation();
                String practices = String.join(", ", c.practices().stream().map(this::practiceTitle).toList());
                String key = switch (c.decision()) {
                    case "ALLOWED" -> "prove.allowed";
                    case "WARNED" -> "prove.warned";
                    default -> "prove.denied";
                };
                banner.say(text.get(key, c.site(), practices), !c.admitted());
                windows.showStatus(java.util.Optional.empty());
            }
            case DeviceConfirmation.Outcome.OtherServer other -> banner.say(text.get("prove.otherServer", other.link().getHost()), true);
            case DeviceConfirmation.Outcome.NotActivated n -> banner.say(text.get("prove.notActivated"), true);
            case DeviceConfirmation.Outcome.Failed f -> {
                LOG.log(Level.WARNING, "confirming a sign-in failed: {0}", f.reason());
                banner.say(text.get(f.revoked() ? "notice.deviceNotAccepted" : "notice.backendUnreachable"), true);
            }
        }
    }

    private String practiceTitle(String key) {
        return instructions.practice(key).map(p -> Template.renderLine(p.title(), Map.of("passing", false))).orElse(key);
    }
}
