package dev.auscult.ui;

import dev.auscult.config.Branding;
import dev.auscult.evidence.EvidencePack;
import dev.auscult.posture.PracticeId;
import dev.auscult.ui.activation.ActivationWizard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

/**
 * Every window the tray app opens, opened on the FX thread whichever thread asks (as Cryptomator's
 * {@code FxApplicationWindows}): the status window, the activation wizard, the text and evidence windows, About, and
 * the questions it must ask. Background work hands its result here and never touches a window itself.
 */
final class Windows {

    private final Stage primary;
    private final StatusWindow status;
    private final UiText text;
    private final Branding branding;
    private final ActivationWizard.Action activation;
    private final Runnable activated;
    private Stage wizard;
    private ActivationWizard wizardView;

    /** {@code activated}: what to do once the wizard activated the device (on the FX thread). */
    Windows(Stage primary, StatusWindow status, UiText text, Branding branding, ActivationWizard.Action activation, Runnable activated) {
        this.primary = primary;
        this.status = status;
        this.text = text;
        this.branding = branding;
        this.activation = activation;
        this.activated = activated;
    }

    /** Runs on the FX thread: at once when called there, else as soon as it is free. */
    static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    StatusWindow status() {
        return status;
    }

    /** Shows and focuses the status window, opening the practice a notification was about, if any. */
    void showStatus(Optional<PracticeId> reveal) {
        onFx(() -> status.show(reveal));
    }

    /** Opens the activation wizard, or fills in the open one and brings it to the front; then suggests a server address. */
    void activation(ActivationWizard.Prefill prefill, Optional<URI> suggestedAddress) {
        onFx(() -> {
            if (wizard != null && wizard.isShowing()) {
                wizardView.fillIn(prefill);
                wizard.toFront();
            } else {
                Stage stage = new Stage();
                stage.setTitle(branding.name().map(n -> text.get("wizard.windowTitleFor", n)).orElse(text.get("wizard.windowTitle")));
                ActivationWizard view = new ActivationWizard(activation, ActivationWizard.Discovery.fromServer(System.getenv()), prefill, () -> {
                    stage.close();
                    activated.run();
                }, text);
                view.setStyle(Theme.accentStyle(branding));
                stage.setScene(Theme.scene(view, 460, 520));
                wizard = stage;
                wizardView = view;
                stage.show();
            }
            suggestedAddress.ifPresent(wizardView::suggestAddress);
        });
    }

    /** A text to read before anything is sent or saved (what is sent, or why it cannot be shown). */
    void text(String content) {
        onFx(() -> new WhatIsSentWindow(primary, text).show(content));
    }

    /** An evidence pack, shown so the person sees it before saving it. */
    void evidence(EvidencePack pack) {
        onFx(() -> new EvidenceExportWindow(primary, text).show(pack));
    }

    /** A yes-or-no question; answered with yes only when the person chose it. */
    CompletionStage<Boolean> ask(String title, String question, String detail) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        onFx(() -> {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, detail, ButtonType.YES, ButtonType.NO);
            alert.setTitle(title);
            alert.setHeaderText(question);
            Owner.ifShowing(primary, alert::initOwner);
            answer.complete(alert.showAndWait().filter(b -> b == ButtonType.YES).isPresent());
        });
        return answer;
    }

    /** The version, and the notices of the bundled software under "Show details". */
    void about(String version) {
        onFx(() -> {
            Theme.followSystem(); // a dialog's scene is JavaFX's, not one of Theme.scene's
            Alert about = new Alert(Alert.AlertType.INFORMATION);
            about.setTitle(text.get("tray.about"));
            about.setHeaderText("Auscult " + version);
            about.setContentText(text.get("about.text"));
            TextArea notices = new TextArea(thirdPartyNotices());
            notices.setEditable(false);
            notices.setWrapText(true);
            notices.setPrefRowCount(14);
            notices.setAccessibleText(text.get("about.notices"));
            about.getDialogPane().setExpandableContent(notices);
            Owner.ifShowing(primary, about::initOwner);
            about.show();
        });
    }

    /** Generated from the build's dependency list. */
    private static String thirdPartyNotices() {
        try (InputStream in = Windows.class.getResourceAsStream("/dev/auscult/legal/THIRD-PARTY.txt")) {
            return in == null ? "The third-party notices are missing from this build." : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "The third-party notices could not be read: " + e.getMessage();
        }
    }
}
