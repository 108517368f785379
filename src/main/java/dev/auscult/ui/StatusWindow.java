package dev.auscult.ui;

import dev.auscult.app.AgentState;
import dev.auscult.instructions.Instructions;
import dev.auscult.posture.PracticeId;
import dev.auscult.ui.status.StatusView;
import java.time.Clock;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The status window's life: built on first show (an agent started hidden at login may never need its
 * nodes and CSS), sized to the screen, kept current with the latest state, notices and the last web page
 * that asked, and hidden or minimised instead of closed. FX thread only.
 */
final class StatusWindow {

    private final Stage stage;
    private final Instructions instructions;
    private final String desktop;
    private final Runnable rescan;
    private final LinkOpener links;
    private final Clock clock;
    private StatusView view;
    private AgentState state = AgentState.initial();
    private Optional<dev.auscult.ui.status.StatusView.Notice> notice = Optional.empty();
    private Optional<String> remoteRequester = Optional.empty();
    private Optional<Runnable> whatIsSent = Optional.empty();
    private Optional<Runnable> exportEvidence = Optional.empty();
    private dev.auscult.config.Branding branding = dev.auscult.config.Branding.NONE;

    private final UiText text;

    StatusWindow(Stage stage, Instructions instructions, String desktop, Runnable rescan, LinkOpener links, Clock clock, UiText text) {
        this.text = text;
        this.stage = stage;
        this.instructions = instructions;
        this.desktop = desktop;
        this.rescan = rescan;
        this.links = links;
        this.clock = clock;
        stage.setTitle("Auscult");
        stage.setMinWidth(380);
        stage.setMinHeight(360);
    }

    /** With a tray the window hides on close (the icon brings it back); without one it minimises. */
    void closeTo(boolean hasTray) {
        stage.setOnCloseRequest(e -> {
            e.consume();
            if (hasTray) {
                stage.hide();
            } else {
                stage.setIconified(true);
            }
        });
    }

    /** The footer's "What is sent" link opens this. */
    void whatIsSent(Runnable open) {
        whatIsSent = Optional.of(open);
        if (view != null) {
            view.onWhatIsSent(open);
        }
    }

    /** The organisation's look, from the managed configuration. */
    void branding(dev.auscult.config.Branding b) {
        branding = b;
        if (view != null) {
            view.setBranding(b);
        }
    }

    /** The footer's "Export evidence" link opens this. */
    void exportEvidence(Runnable open) {
        exportEvidence = Optional.of(open);
        if (view != null) {
            view.onExportEvidence(open);
        }
    }

    private Optional<StatusView.FixActions> fixActions = Optional.empty();
    private java.util.Map<dev.auscult.posture.PracticeId, dev.auscult.fix.FixPlan> fixOffers = java.util.Map.of();

    /** The rows' Fix buttons make fixes through this. */
    void fixes(StatusView.FixActions actions) {
        fixActions = Optional.of(actions);
        if (view != null) {
            view.onFix(actions);
        }
    }

    /** The fixes on offer for the latest report (worked out off the FX thread). */
    void fixOffers(java.util.Map<dev.auscult.posture.PracticeId, dev.auscult.fix.FixPlan> offers) {
        fixOffers = offers;
        if (view != null) {
            view.setFixOffers(offers);
        }
    }

    /** Runs when the window gets the focus back (the user returns from a settings page we opened). */
    void onFocus(Runnable r) {
        stage.focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                r.run();
            }
        });
    }

    private StatusView view() {
        assert Platform.isFxApplicationThread();
        if (view == null) {
            view = new StatusView(instructions, desktop, rescan, links, text);
            // fit small screens and large scale factors (200 %): never taller or wider than the screen
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            // larger text gets a wider window (as far as the screen allows) rather than only more lines
            double wider = Math.max(1.0, Theme.textScale() * 0.75);
            stage.setScene(Theme.scene(view, Math.min(500 * wider, screen.getWidth() - 40), Math.min(680 * Math.min(wider, 1.2), screen.getHeight() - 40)));
            stage.centerOnScreen();
            view.update(state, clock.instant());
            view.setNotice(notice);
            remoteRequester.ifPresent(r -> view.remoteScanBy(r, clock.instant()));
            whatIsSent.ifPresent(view::onWhatIsSent);
            exportEvidence.ifPresent(view::onExportEvidence);
            view.setFixOffers(fixOffers);
            fixActions.ifPresent(view::onFix);
            view.setBranding(branding);
            // Ctrl+W (Cmd+W) closes like the title bar's button: to the tray, or minimised without one
            stage.getScene().getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.W,
                    javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> stage.fireEvent(
                    new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
            Timeline clockTick = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> view.refreshTime(clock.instant())));
            clockTick.setCycleCount(Timeline.INDEFINITE);
            clockTick.play();
        }
        return view;
    }

    /** Shows and focuses the window, opening the practice given (the one a notification was about). */
    void show(Optional<PracticeId> reveal) {
        StatusView v = view();
        if (stage.isIconified()) {
            stage.setIconified(false);
        }
        stage.show();
        stage.toFront();
        stage.requestFocus();
        reveal.ifPresent(v::reveal);
    }

    void update(AgentState s) {
        state = s;
        if (view != null) {
            view.update(s, clock.instant());
        }
    }

    void notice(Optional<dev.auscult.ui.status.StatusView.Notice> text) {
        notice = text;
        if (view != null) {
            view.setNotice(text);
        }
    }

    void remoteScanBy(String requester) {
        remoteRequester = Optional.of(requester);
        if (view != null) {
            view.remoteScanBy(requester, clock.instant());
        }
    }

    AgentState state() {
        return state;
    }
}
