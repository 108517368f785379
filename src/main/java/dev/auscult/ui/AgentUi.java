package dev.auscult.ui;

import dev.auscult.config.AgentConfig;
import dev.auscult.app.AgentRuntime;
import dev.auscult.app.AgentState;
import dev.auscult.app.AgentVersion;
import dev.auscult.app.Alerts;
import dev.auscult.app.DebugInfo;
import dev.auscult.platform.DeepLink;
import dev.auscult.platform.LaunchAtLogin;
import dev.auscult.app.Logging;
import dev.auscult.app.SettingsStore;
import dev.auscult.app.UserSettings;
import dev.auscult.app.VerdictMemory;
import dev.auscult.instructions.Instructions;
import dev.auscult.instructions.SettingsLink;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.activation.ActivationWizard;
import dev.auscult.ui.tray.Tray;
import dev.auscult.ui.tray.TrayChoice;
import dev.auscult.ui.tray.TrayMenu;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;

/**
 * The tray app's UI: status window, tray icon and menu, notifications. It observes the runtime's state
 * and sends it intents; everything slow (scans, files, processes) happens off the FX thread.
 */
public final class AgentUi implements TrayMenu.Intents {

    private static final System.Logger LOG = System.getLogger(AgentUi.class.getName());

    /** What the UI needs from the app, wired by the launcher. */
    public record Services(AgentRuntime runtime, AgentConfig config, Instructions instructions, LaunchAtLogin launchAtLogin,
                           SettingsStore settings, VerdictMemory memory, LinkOpener opener, Clock clock, String desktop,
                           Path logDir, Runnable onQuit, ActivationWizard.Action activation,
                           java.util.function.BooleanSupplier activated, ActivationWizard.Prefill prefill,
                           dev.auscult.app.WhatIsSent whatIsSent,
                           java.util.concurrent.Callable<dev.auscult.app.EvidenceExport.Export> evidence,
                           dev.auscult.desktop.SessionBus bus, dev.auscult.app.DisplayLanguage language,
                           dev.auscult.app.DeviceConfirmation confirmation, dev.auscult.app.FixService fixes) {
    }

    private final Services s;
    private final LinkOpener tracking;
    private StatusWindow window;
    private Stage stage;
    private Optional<Tray> tray = Optional.empty();
    private UserSettings settings;
    /** State files are written off the FX thread, one at a time, so an older state never overwrites a newer one. */
    private final StateSaver saver;
    private final DesktopNotifications notifications;
    private final UiText text;
    private Map<PracticeId, Verdict> lastVerdicts;
    private ScanReport lastAlerted;
    private Optional<PracticeId> pendingReveal = Optional.empty();
    private boolean followedLink;

    public AgentUi(Services services) {
        this.saver = new StateSaver(services.settings(), services.memory());
        this.s = services;
        this.text = new UiText(services.language().locale());
        this.notifications = new DesktopNotifications(services.bus(), text, () -> tray, practice -> {
            pendingReveal = Optional.of(practice);
            openWindow();
        });
        this.settings = services.settings().load();
        this.lastVerdicts = services.memory().load();
        this.tracking = new LinkOpener() {
            @Override
            public void open(SettingsLink link) {
                followedLink = true;
                services.opener().open(link);
            }

            @Override
            public void openUri(String uri) {
                followedLink = true;
                services.opener().openUri(uri);
            }
        };
    }

    /** FX thread. Shows the window unless started hidden with a tray to come back from. */
    public void start(Stage primary, boolean startHidden) {
        this.stage = primary;
        window = new StatusWindow(stage, s.instructions(), s.desktop(), () -> s.runtime().rescan("rescan button"), tracking, s.clock(), text);
        window.whatIsSent(this::whatIsSent);
        window.exportEvidence(this::exportEvidence);
        window.fixes(this::fix);
        window.branding(s.config().branding());
        window.onFocus(() -> {
            if (followedLink) {
                // The user went to the settings page we opened and came back: check again.
                followedLink = false;
                s.runtime().rescan("returned from settings");
            }
        });
        // Until an icon is known to show, closing the window minimises it: it is the only way back.
        window.closeTo(false);
        showNotices();
        // The runtime's listener runs on the scan thread: the slow facts (reg.exe on Windows, state files) are
        // read there, and only their result goes to the FX thread.
        s.runtime().addListener(state -> {
            Facts f = facts();
            Platform.runLater(() -> onState(state, f));
        });
        if (!startHidden) {
            openWindow();
        }
        // After the window: the session bus is asked off this thread, and the window need not wait for the panel.
        TrayChoice.open(s.bus(), stage, text.get("tip.scanning"), this::openWindow, this::trayShowing, chosen -> trayChosen(chosen, startHidden));
        background(() -> {
            Facts f = facts();
            Platform.runLater(() -> firstRun(f));
        });
    }

    /** FX thread: the tray icon is decided (the window may already be showing; D-Bus was asked off this thread). */
    private void trayChosen(Optional<Tray> chosen, boolean startedHidden) {
        tray = chosen;
        boolean hasTray = chosen.map(Tray::showing).orElse(false);
        window.closeTo(hasTray);
        if (chosen.isPresent()) {
            Platform.setImplicitExit(false);
        }
        if (!hasTray) {
            // No icon on screen (e.g. GNOME without AppIndicator, or a panel not started yet): the window is the
            // only way back, so closing it minimises instead of hiding, and it is shown even when asked to start hidden.
            LOG.log(Level.INFO, "no tray icon on screen; the window stays available");
            if (startedHidden) {
                openWindow();
            }
        }
        refresh(); // the state so far, on the new icon
    }

    /** A panel started or stopped showing the icon: closing the window hides it only while the icon can bring it back. */
    private void trayShowing(boolean showing) {
        LOG.log(Level.INFO, showing ? "a panel shows the tray icon" : "no panel shows the tray icon now");
        window.closeTo(showing);
    }

    /**
     * What the tray menu, the first-run decisions and the rows' Fix buttons need that costs IO (the policy, which
     * programs are installed): read off the FX thread.
     */
    private record Facts(boolean launchAtLogin, boolean activated, Map<PracticeId, dev.auscult.fix.FixPlan> fixOffers) {
    }

    private Facts facts() {
        AgentState now = s.runtime().state();
        Map<PracticeId, dev.auscult.fix.FixPlan> offers = Map.of();
        try {
            offers = now.report().map(s.fixes()::offers).orElse(Map.of());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the fixes on offer could not be worked out: {0}", e.toString());
        }
        return new Facts(s.launchAtLogin().isEnabled(), s.activated().getAsBoolean(), offers);
    }

    /** A Fix button was clicked and confirmed: made off the FX thread (a password prompt may keep it a while). */
    private java.util.concurrent.CompletableFuture<dev.auscult.posture.FixRecord> fix(PracticeId practice) {
        java.util.concurrent.CompletableFuture<dev.auscult.posture.FixRecord> done = new java.util.concurrent.CompletableFuture<>();
        dev.auscult.platform.Background.run("auscult-fix", () -> {
            try {
                done.complete(s.fixes().fix(practice).record());
            } catch (dev.auscult.app.FixService.Unavailable | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Background work whose failure is logged, never lost with its thread. */
    private static void background(Runnable work) {
        dev.auscult.platform.Background.run("auscult-ui-background", () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "background task failed", e);
            }
        });
    }

    /** Re-reads the facts off the FX thread, then shows the current state. */
    private void refresh() {
        background(() -> {
            Facts f = facts();
            Platform.runLater(() -> onState(s.runtime().state(), f));
        });
    }

    private void firstRun(Facts f) {
        assert Platform.isFxApplicationThread();
        // An installed agent (a packaged launcher) starts at login unless the user said otherwise: the
        // installer's default. Running from a development jar never registers itself.
        if (System.getProperty("jpackage.app-path") != null && settings.launchAtLogin() && !f.launchAtLogin()
                && !settings.activationPrompted()) {
            setLaunchAtLogin(true);
        }
        // First run in an organisation that reports (a backend is configured) and not activated yet: offer it once.
        if (s.config().backendUrl().isPresent() && !f.activated() && !settings.activationPrompted()
                && s.config().managedActivation().code().isEmpty() && s.config().managedActivation().csv().isEmpty()) {
            settings = settings.activationWasPrompted();
            saveSettingsLater();
            activate();
        }
    }

    private void onState(AgentState state, Facts f) {
        assert Platform.isFxApplicationThread();
        window.update(state);
        window.fixOffers(f.fixOffers());
        tray.ifPresent(t -> {
            t.update(state, dev.auscult.ui.tray.TrayStatusText.of(state, s.clock().instant(), java.time.ZoneId.systemDefault(), text),
                    TrayMenu.build(state, f.launchAtLogin(), f.activated(),
                            s.config().hideIconWhileFine().isPresent() ? Optional.empty() : Optional.of(settings.hideIconWhileFine()), helpLinks(),
                            this, text));
            t.setVisible(iconVisible(state));
        });
        if (!state.scanning() && state.report().isPresent() && state.report().get() != lastAlerted) {
            lastAlerted = state.report().get();
            alertIfNeeded(lastAlerted);
        }
    }

    private List<TrayMenu.HelpLink> helpLinks() {
        return s.config().helpLinks().stream().map(h -> new TrayMenu.HelpLink(h.label(), h.link())).toList();
    }

    private void alertIfNeeded(ScanReport report) {
        Optional<Alerts.Alert> alert = Alerts.decide(lastVerdicts, report, settings, s.clock().instant());
        lastVerdicts = Alerts.verdicts(report);
        UserSettings before = settings;
        alert.ifPresent(a -> {
            pendingReveal = a.practice();
            if (a.reminder()) {
                settings = settings.remindedAt(s.clock().instant());
            }
            notifyUser(AlertText.title(a.kind(), text, s.clock().instant(), java.time.ZoneId.systemDefault()), text.finding(a.finding()), a.practice(),
                    !a.reminder());
        });
        saver.verdicts(lastVerdicts);
        if (settings != before) {
            saver.settings(settings);
        }
    }

    /** Notifications say who asks ("Acme IT: 1 security setting needs attention") when the organisation is named. */
    private void notifyUser(String title, String message, Optional<PracticeId> practice, boolean urgent) {
        notifications.tell(s.config().branding().name().map(n -> text.get("alert.from", n, title)).orElse(title), message, practice, urgent);
    }

    private Optional<String> localApiNotice = Optional.empty();
    private Optional<String> syncNotice = Optional.empty();
    private boolean syncIsProblem;

    /** FX thread: a problem of the web check-in service (or its end, when empty). */
    public void localApiProblem(Optional<dev.auscult.app.LocalApiProblem> problem) {
        localApiNotice = problem.map(p -> switch (p) {
            case dev.auscult.app.LocalApiProblem.PortInUse u -> text.get("notice.localApiPortInUse", String.valueOf(u.port()));
            case dev.auscult.app.LocalApiProblem.CouldNotStart c -> text.get("notice.localApiCouldNotStart", c.detail());
        });
        showNotices();
    }

    /** FX thread: reporting/activation news or problems (or their end, when empty). */
    public void syncProblem(Optional<String> text) {
        syncNotice = text;
        syncIsProblem = true;
        showNotices();
    }

    /** FX thread: what reporting and activation have to say, in the person's language (or its end, when empty). */
    public void syncNotice(Optional<dev.auscult.app.SyncNotice> notice) {
        syncNotice = notice.map(this::words);
        syncIsProblem = notice.map(dev.auscult.app.SyncNotice::problem).orElse(false);
        showNotices();
    }

    private String words(dev.auscult.app.SyncNotice notice) {
        return switch (notice) {
            case dev.auscult.app.SyncNotice.ManagedActivated a -> text.get("notice.managedActivated", a.email());
            case dev.auscult.app.SyncNotice.ManagedActivationFailed f -> text.get("notice.managedActivationFailed", switch (f.kind()) {
                case INVALID_CODE -> text.get("wizard.error.invalidCode");
                case CODE_EXPIRED -> text.get("wizard.error.codeExpired");
                case CODE_REPLACED -> text.get("wizard.error.codeReplaced");
                case CODE_ALREADY_USED -> text.get("wizard.error.codeUsed");
                case UNKNOWN_ACCOUNT -> text.get("wizard.error.unknownAccount");
                default -> text.get("wizard.error.network");
            });
            case dev.auscult.app.SyncNotice.DeviceNotAccepted d -> text.get("notice.deviceNotAccepted");
            case dev.auscult.app.SyncNotice.BackendUnreachable b when b.notSeenSince(s.clock().instant()) -> text.get("notice.notSeen",
                    java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                            .withLocale(text.locale()).withZone(java.time.ZoneId.systemDefault()).format(b.lastDelivered().orElseThrow()));
            case dev.auscult.app.SyncNotice.BackendUnreachable b -> text.get("notice.backendUnreachable");
            case dev.auscult.app.SyncNotice.ReportNotSaved r -> text.get("notice.reportNotSaved");
            case dev.auscult.app.SyncNotice.PolicyUnusable u -> text.get("notice.policyUnusable");
        };
    }

    /** A config.yaml key that was ignored (misspelt, wrong type, an untrusted managed file) must not go unsaid. */
    private Optional<String> configNotice() {
        List<String> w = s.config().warnings();
        if (w.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text.get("notice.configIgnored", w.getFirst(), w.size() - 1));
    }

    private void showNotices() {
        String joined = String.join("\n", java.util.stream.Stream.of(syncNotice, localApiNotice, configNotice())
                .flatMap(Optional::stream).toList());
        // good news (activated by the organisation) is information, not a red banner — unless a problem shows with it
        boolean problem = syncNotice.isPresent() && syncIsProblem || localApiNotice.isPresent() || configNotice().isPresent();
        if (window != null) {
            window.notice(joined.isEmpty() ? Optional.empty() : Optional.of(new dev.auscult.ui.status.StatusView.Notice(joined, problem)));
        }
    }

    /** FX thread: a web page asked for the posture; notify once per page session when it is not passing. */
    public void remoteScan(dev.auscult.localapi.RemoteScan scan) {
        window.remoteScanBy(scan.requester());
        scan.status().filter(v -> v != Verdict.PASS).ifPresent(v ->
                notifyUser(text.get("remote.title", scan.requester()), text.get(switch (v) {
                    case FAIL -> "remote.fail";
                    case UNKNOWN -> "remote.unknown";
                    default -> "remote.nudge";
                }), Optional.empty(), false));
    }

    /** Shows and focuses the window; opens the practice a notification was about, if any. */
    @Override
    public void openWindow() {
        window.show(pendingReveal);
        pendingReveal = Optional.empty();
    }

    @Override
    public void rescan() {
        s.runtime().rescan("tray menu");
    }

    /** Hidden only while the last scan passed and the user asked for it; anything else brings it back. */
    private boolean iconVisible(AgentState state) {
        boolean fine = state.report().flatMap(r -> r.status()).map(v -> v == Verdict.PASS).orElse(false);
        return !(s.config().hideIconWhileFine().orElse(settings.hideIconWhileFine()) && fine);
    }

    @Override
    public void setHideIconWhileFine(boolean on) {
        settings = settings.withHideIconWhileFine(on);
        saveSettingsLater();
        refresh();
    }

    @Override
    public void setLaunchAtLogin(boolean on) {
        dev.auscult.platform.Background.run("auscult-background", () -> {
            try {
                s.launchAtLogin().setEnabled(on);
                // settings belongs to the FX thread
                Platform.runLater(() -> {
                    settings = settings.withLaunchAtLogin(on);
                    saveSettingsLater();
                });
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not change launch at login: {0}", e.getMessage());
            }
            refresh();
        });
    }

    @Override
    public void remindTomorrow() {
        settings = settings.snoozedUntil(s.clock().instant().plus(Duration.ofHours(24)));
        saveSettingsLater();
    }

    private Stage wizard;
    private ActivationWizard wizardView;

    /** Opens the activation wizard (or brings it to the front). */
    @Override
    public void activate() {
        activate(s.prefill());
    }

    /** FX thread: does what an {@code auscult://} link asks for. */
    public void follow(DeepLink link) {
        LOG.log(Level.INFO, "following an auscult:// link: {0}", link);
        switch (link) {
            case DeepLink.Open open -> openWindow();
            case DeepLink.Prove p -> prove(p, false);
            case DeepLink.Activate a when s.activated().getAsBoolean() -> {
                openWindow();
                syncProblem(Optional.of(text.get("notice.alreadyActivated")));
            }
            case DeepLink.Activate a -> {
                activate(s.prefill().withLink(a));
                s.prefill().suggestedAddress(a).ifPresent(wizardView::suggestAddress);
            }
        }
    }

    /**
     * A sign-in page asks this device to confirm itself: answered off the FX thread (scan, upload, answer); the person
     * is asked once per server first; the outcome shows as a notice ("Sign-in to Acme SSO is blocked until …").
     */
    private void prove(DeepLink.Prove link, boolean consented) {
        dev.auscult.platform.Background.run("auscult-prove", () -> {
            dev.auscult.app.DeviceConfirmation.Outcome o;
            try {
                if (consented) {
                    s.confirmation().consent().give(link.server());
                }
                o = s.confirmation().answer(link);
            } catch (java.io.IOException e) {
                o = new dev.auscult.app.DeviceConfirmation.Outcome.Failed(e.getMessage(), false);
            }
            dev.auscult.app.DeviceConfirmation.Outcome outcome = o;
            Platform.runLater(() -> proved(link, outcome));
        });
    }

    private void proved(DeepLink.Prove link, dev.auscult.app.DeviceConfirmation.Outcome outcome) {
        switch (outcome) {
            case dev.auscult.app.DeviceConfirmation.Outcome.NeedsConsent ask -> {
                var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, text.get("prove.ask.detail"),
                        javafx.scene.control.ButtonType.YES, javafx.scene.control.ButtonType.NO);
                alert.setTitle(text.get("prove.ask.title"));
                alert.setHeaderText(text.get("prove.ask", ask.server().getHost()));
                if (alert.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.YES).isPresent()) {
                    prove(link, true);
                }
            }
            case dev.auscult.app.DeviceConfirmation.Outcome.Answered a -> {
                var c = a.confirmation();
                String practices = String.join(", ", c.practices().stream().map(this::practiceTitle).toList());
                String key = switch (c.decision()) {
                    case "ALLOWED" -> "prove.allowed";
                    case "WARNED" -> "prove.warned";
                    default -> "prove.denied";
                };
                syncNotice = Optional.of(text.get(key, c.site(), practices));
                syncIsProblem = !c.admitted();
                showNotices();
                openWindow();
            }
            case dev.auscult.app.DeviceConfirmation.Outcome.OtherServer other -> syncProblem(Optional.of(text.get("prove.otherServer", other.link().getHost())));
            case dev.auscult.app.DeviceConfirmation.Outcome.NotActivated n -> syncProblem(Optional.of(text.get("prove.notActivated")));
            case dev.auscult.app.DeviceConfirmation.Outcome.Failed f -> {
                LOG.log(Level.WARNING, "confirming a sign-in failed: {0}", f.reason());
                syncProblem(Optional.of(text.get(f.revoked() ? "notice.deviceNotAccepted" : "notice.backendUnreachable")));
            }
        }
    }

    private String practiceTitle(String key) {
        return s.instructions().practice(key).map(p -> dev.auscult.instructions.Template.renderLine(p.title(), Map.of("passing", false))).orElse(key);
    }

    private void activate(ActivationWizard.Prefill prefill) {
        if (wizard != null && wizard.isShowing()) {
            wizardView.fillIn(prefill);
            wizard.toFront();
            return;
        }
        wizard = new Stage();
        wizard.setTitle(s.config().branding().name().map(n -> text.get("wizard.windowTitleFor", n)).orElse(text.get("wizard.windowTitle")));
        ActivationWizard view = new ActivationWizard(s.activation(), ActivationWizard.Discovery.fromServer(System.getenv()), prefill, () -> {
            wizard.close();
            refresh();
            s.runtime().rescan("after activation");
        }, text);
        wizardView = view;
        view.setStyle(Theme.accentStyle(s.config().branding()));
        wizard.setScene(Theme.scene(view, 460, 520));
        wizard.show();
    }

    private void saveSettingsLater() {
        saver.settings(settings);
    }

    @Override
    public void openLink(String link) {
        s.opener().openUri(link);
    }

    @Override
    public void copyDebugInfo() {
        Optional<ScanReport> report = s.runtime().state().report();
        dev.auscult.platform.Background.run("auscult-background", () -> {
            String text = DebugInfo.text(AgentVersion.current(), report, Logging.tail(s.logDir(), 40));
            Platform.runLater(() -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
            });
        });
    }

    @Override
    public void whatIsSent() {
        Optional<ScanReport> report = s.runtime().state().report();
        // reading the kept copies and the queue is file IO: off the FX thread, which only shows the text
        dev.auscult.platform.Background.run("auscult-background", () -> {
            String content;
            try {
                content = s.whatIsSent().describe(() -> report, text.findings()).text();
            } catch (IOException e) {
                content = text.get("sent.cannotShow", String.valueOf(e.getMessage()));
            }
            String shown = content;
            Platform.runLater(() -> new WhatIsSentWindow(stage, text).show(shown));
        });
    }

    /** A fresh evidence pack, made off the FX thread (a scan), then shown so the user sees it before saving. */
    public void exportEvidence() {
        dev.auscult.platform.Background.run("auscult-background", () -> {
            try {
                var export = s.evidence().call();
                Platform.runLater(() -> new EvidenceExportWindow(stage, text).show(export.pack()));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "evidence export failed: {0}", e.toString());
                Platform.runLater(() -> new WhatIsSentWindow(stage, text).show(text.get("export.failed", String.valueOf(e.getMessage()))));
            }
        });
    }

    @Override
    public void about() {
        Theme.followSystem(); // a dialog's scene is JavaFX's, not one of Theme.scene's
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.setTitle(text.get("tray.about"));
        about.setHeaderText("Auscult " + AgentVersion.current());
        about.setContentText(text.get("about.text"));
        // The notices of the bundled software (generated from the build's dependency list), under "Show details".
        String notices;
        try (java.io.InputStream in = AgentUi.class.getResourceAsStream("/dev/auscult/legal/THIRD-PARTY.txt")) {
            notices = in == null ? "The third-party notices are missing from this build." : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            notices = "The third-party notices could not be read: " + e.getMessage();
        }
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(notices);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(14);
        text.setAccessibleText(this.text.get("about.notices"));
        about.getDialogPane().setExpandableContent(text);
        Owner.ifShowing(stage, about::initOwner);
        about.show();
    }

    @Override
    public void quit() {
        tray.ifPresent(Tray::remove);
        s.onQuit().run();
        Platform.exit();
        // AWT's tray thread can outlive the toolkit: once the pending saves are written, leave for certain.
        dev.auscult.platform.Background.platformThread("auscult-quit", () -> {
            saver.close();
            System.exit(0);
        });
    }

}
