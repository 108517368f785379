package dev.auscult.ui.activation;

import dev.auscult.ui.UiText;
import dev.auscult.platform.DeepLink;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.Activator;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.ServerDiscovery;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * First-run activation, step by step: what is collected and sent → email, account, code → progress →
 * done. Errors are shown beside the field or under the form in plain words, and nothing typed is lost
 * on retry. "Not now" leaves the agent working locally.
 */
public final class ActivationWizard extends BorderPane {

    /** Performs the activation (off the FX thread). */
    @FunctionalInterface
    public interface Action {
        ActivationRecord activate(URI backend, String email, String account, String code)
                throws BackendException, IOException, Activator.AlreadyActivated;
    }

    /**
     * Whom a typed address belongs to (off the FX thread): the server's API and the organisation's name it reports,
     * shown to the person before their e-mail and code go there. Empty when the server publishes nothing (then the
     * address is used as typed, with nothing to confirm).
     */
    @FunctionalInterface
    public interface Discovery {
        Optional<ServerDiscovery.Found> ask(URI address, String account) throws BackendException;

        Discovery NONE = (address, account) -> Optional.empty();

        /** Asks the server itself ({@code /.well-known/auscult}), as the agent does before activating. */
        static Discovery fromServer(java.util.Map<String, String> environment) {
            return (address, account) -> ServerDiscovery.ask(address, account, java.time.Duration.ofSeconds(20), environment);
        }
    }

    /** Values to start with (managed configuration, a deep link). */
    public record Prefill(Optional<String> email, Optional<String> account, Optional<String> code, Optional<URI> backend) {

        /**
         * What a clicked link carries wins, except the backend: a managed one always stays (see DeepLink); without
         * one, the link's address fills in the address field the person sees and can change.
         */
        public Prefill withLink(DeepLink.Activate link) {
            return new Prefill(link.email().or(this::email), link.account().or(this::account), link.code().or(this::code), backend);
        }

        /** An address for the field the person types the server's address in (never a managed backend). */
        public Optional<URI> suggestedAddress(DeepLink.Activate link) {
            return backend.isPresent() ? Optional.empty() : link.backend();
        }
    }

    private final Action action;
    private final Discovery discovery;
    private final Runnable onClose;
    private final Prefill prefill;
    private final TextField email = field("email");
    private final TextField account = field("account");
    private final TextField code = field("code");
    private final TextField backend = field("backend");
    private final Label formError = new Label();

    private final UiText t;

    public ActivationWizard(Action action, Prefill prefill, Runnable onClose) {
        this(action, Discovery.NONE, prefill, onClose, UiText.ENGLISH);
    }

    public ActivationWizard(Action action, Prefill prefill, Runnable onClose, UiText text) {
        this(action, Discovery.NONE, prefill, onClose, text);
    }

    /** @param text the wizard's words in the display language */
    public ActivationWizard(Action action, Discovery discovery, Prefill prefill, Runnable onClose, UiText text) {
        this.t = text;
        this.action = action;
        this.discovery = discovery;
        this.prefill = prefill;
        this.onClose = onClose;
        getStyleClass().add("activation-wizard");
        setPadding(new Insets(24));
        fillIn(prefill);
        welcome();
    }

    /** The server address a link carried, into the address field the person sees (only shown when nothing is managed). */
    public void suggestAddress(URI address) {
        backend.setText(address.toString());
    }

    /** Puts the values a link or the managed configuration carries into the form; leaves the others alone. */
    public void fillIn(Prefill values) {
        values.email().ifPresent(email::setText);
        values.account().ifPresent(account::setText);
        values.code().ifPresent(code::setText);
        values.backend().map(URI::toString).ifPresent(backend::setText);
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        return f;
    }

    private void page(String title, Node body, Node... buttons) {
        Label heading = new Label(title);
        heading.getStyleClass().add("title-3");
        heading.setWrapText(true);
        VBox content = new VBox(14, heading, body);
        setCenter(content);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10);
        bar.getChildren().add(spacer);
        bar.getChildren().addAll(buttons);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(16, 0, 0, 0));
        setBottom(bar);
    }

    private static Label text(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private Button button(String id, String label, Runnable run, boolean primary) {
        Button b = new Button(label);
        b.setId(id);
        b.setOnAction(e -> run.run());
        if (primary) {
            b.getStyleClass().add("accent");
            b.setDefaultButton(true);
        }
        return b;
    }

    private void welcome() {
        page(t.get("wizard.welcome.title"),
                new VBox(10,
                        text(t.get("wizard.welcome.what")),
                        text(t.get("wizard.welcome.sent")),
                        text(t.get("wizard.welcome.never"))),
                button("not-now", t.get("wizard.notNow"), onClose, false), button("continue", t.get("wizard.continue"), this::form, true));
    }

    private void form() {
        boolean needBackend = prefill.backend().isEmpty();
        VBox fields = new VBox(6,
                text(t.get("wizard.email")), email, error("email"),
                text(t.get("wizard.account")), account, error("account"),
                text(t.get("wizard.code")), code, error("code"));
        if (needBackend) {
            fields.getChildren().addAll(text(t.get("wizard.backend")), backend, error("backend"));
        }
        formError.setId("form-error");
        formError.setWrapText(true);
        formError.getStyleClass().add("problem-banner");
        formError.setVisible(false);
        formError.setManaged(false);
        fields.getChildren().add(formError);
        page(t.get("wizard.form.title"), fields,
                button("not-now", t.get("wizard.notNow"), onClose, false), button("activate", t.get("wizard.activate"), this::submit, true));
        Platform.runLater(() -> (email.getText().isEmpty() ? email : code).requestFocus());
    }

    private Label error(String field) {
        Label l = new Label();
        l.setId(field + "-error");
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setVisible(false);
        l.setManaged(false);
        return l;
    }

    private void submit() {
        ActivationForm form = new ActivationForm(email.getText(), account.getText(), code.getText(), backend.getText(), prefill.backend().isEmpty());
        Map<String, String> problems = form.problems();
        for (String f : new String[] {"email", "account", "code", "backend"}) {
            Label l = (Label) lookup("#" + f + "-error");
            if (l != null) {
                l.setText(problems.containsKey(f) ? t.get("wizard.problem." + f) : "");
                l.setVisible(problems.containsKey(f));
                l.setManaged(problems.containsKey(f));
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        if (prefill.backend().isPresent()) {
            send(prefill.backend().get()); // the administrator's own configuration: nothing to confirm
            return;
        }
        // an address the person typed (or a link filled in): show whom it belongs to before the code goes there
        URI typed = URI.create(backend.getText().strip());
        spinner(t.get("wizard.checkingAddress"));
        String accountId = account.getText().strip();
        dev.auscult.platform.Background.run("auscult-background", () -> {
            try {
                Optional<ServerDiscovery.Found> found = discovery.ask(typed, accountId);
                // the API the server named is what the code is sent to: asked once, not again by the activation
                Platform.runLater(() -> found.ifPresentOrElse(f -> f.organisation().ifPresentOrElse(o -> confirm(typed, f.graphql(), o),
                        () -> send(f.graphql())), () -> send(typed)));
            } catch (BackendException e) {
                Platform.runLater(() -> failed(e.kind() == BackendException.Kind.NETWORK ? t.get("wizard.error.network") : e.getMessage()));
            } catch (IllegalArgumentException e) {
                Platform.runLater(() -> failed(e.getMessage()));
            }
        });
    }

    private void spinner(String words) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("activating");
        page(t.get("wizard.activating"), new VBox(12, spinner, text(words)));
    }

    private void confirm(URI typed, URI api, String organisation) {
        Label who = text(t.get("wizard.confirm.text", organisation, typed.getHost()));
        who.setId("organisation");
        page(t.get("wizard.confirm.title"), who, button("back", t.get("wizard.back"), this::form, false),
                button("confirm", t.get("wizard.activate"), () -> send(api), true));
    }

    private void send(URI url) {
        spinner(t.get("wizard.contacting"));
        dev.auscult.platform.Background.run("auscult-background", () -> {
            try {
                ActivationRecord r = action.activate(url, email.getText().strip(), account.getText().strip(), code.getText().strip());
                Platform.runLater(() -> done(r));
            } catch (BackendException e) {
                Platform.runLater(() -> failed(switch (e.kind()) {
                    case INVALID_CODE -> t.get("wizard.error.invalidCode");
                    case CODE_EXPIRED -> t.get("wizard.error.codeExpired");
                    case CODE_REPLACED -> t.get("wizard.error.codeReplaced");
                    case CODE_ALREADY_USED -> t.get("wizard.error.codeUsed");
                    case UNKNOWN_ACCOUNT -> t.get("wizard.error.unknownAccount");
                    case NETWORK -> t.get("wizard.error.network");
                    // the transport's words ("HTTP 404 without data") stay in the log; the person is told what to do
                    case PROTOCOL -> t.get("wizard.error.notAuscult");
                    case SERVER, THROTTLED -> t.get("wizard.error.serverBusy");
                    default -> t.get("wizard.error.other", e.getMessage());
                }));
                System.getLogger(ActivationWizard.class.getName()).log(System.Logger.Level.WARNING, "activation failed: {0}", e.getMessage());
            } catch (IllegalArgumentException e) {
                Platform.runLater(() -> failed(e.getMessage()));
            } catch (IOException | Activator.AlreadyActivated e) {
                Platform.runLater(() -> failed(t.get("wizard.error.other", e.getMessage())));
            }
        });
    }

    private void failed(String message) {
        form();
        formError.setText(message);
        formError.setVisible(true);
        formError.setManaged(true);
    }

    private void done(ActivationRecord r) {
        Label ok = text(t.get("wizard.done.text", r.accountId(), r.email()));
        ok.setId("activated");
        page(t.get("wizard.done.title"), ok, button("close", t.get("wizard.done"), onClose, true));
    }
}
