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
import dev.auscult.ui.tray.TrayMenu;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;

/**
 * The tray app's UI: it observes the runtime's state and sends it intents, and puts together the parts that show
 * things — {@link Windows} (every window, opened on the FX thread), the {@link TrayController} (icon and menu),
 * {@link Notices} (the banner, in the person's language), {@link DesktopNotifications} and
 * {@link SignInConfirmations}. Everything slow (scans, files, processes) happens off the FX thread.
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
    private Windows windows;
    private final TrayController tray;
    private SignInConfirmations confirmations;
    private final Notices notices;
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
        this.notices = new Notices(text, services.clock(), services.config().warnings());
        this.tray = new TrayController(services.bus(), services.config(), text, services.clock(), this);
        this.notifications = new DesktopNotifications(services.bus(), text, () -> tray.tray(), practice -> {
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
        StatusWindow window = new StatusWindow(primary, s.instructions(), s.desktop(), () -> s.runtime().rescan("rescan button"), tracking, s.clock(),
                text);
        windows = new Windows(primary, window, text, s.config().branding(), s.activation(), () -> {
            refresh();
            s.runtime().rescan("after activation");
        });
        confirmations = new SignInConfirmations(s.confirmation(), s.instructions(), windows, text, this::say);
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
        tray.open(primary, windows, startHidden, this::refresh); // the state so far, on the new icon
        background(() -> {
            Facts f = facts();
            Platform.runLater(() -> firstRun(f));
        });
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
        windows.status().update(state);
        windows.status().fixOffers(f.fixOffers());
        tray.show(state, f.launchAtLogin(), f.activated(), settings);
        if (!state.scanning() && state.report().isPresent() && state.report().get() != lastAlerted) {
            lastAlerted = state.report().get();
            alertIfNeeded(lastAlerted);
        }
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

    /** FX thread: a problem of the web check-in service (or its end, when empty). */
    public void localApiProblem(Optional<dev.auscult.app.LocalApiProblem> problem) {
        notices.localApi(problem);
        showNotices();
    }

    /** FX thread: what reporting and activation have to say, in the person's language (or its end, when empty). */
    public void syncNotice(Optional<dev.auscult.app.SyncNotice> notice) {
        notices.sync(notice);
        showNotices();
    }

    /** FX thread: words already in the person's language, in the banner. */
    private void say(String words, boolean problem) {
        notices.said(words, problem);
        showNotices();
    }

    private void showNotices() {
        if (windows != null) {
            windows.status().notice(notices.current());
        }
    }

    /** FX thread: a web page asked for the posture; notify once per page session when it is not passing. */
    public void remoteScan(dev.auscult.localapi.RemoteScan scan) {
        windows.status().remoteScanBy(scan.requester());
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
        windows.showStatus(pendingReveal);
        pendingReveal = Optional.empty();
    }

    @Override
    public void rescan() {
        s.runtime().rescan("tray menu");
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

    /** Opens the activation wizard (or brings it to the front). */
    @Override
    public void activate() {
        windows.activation(s.prefill(), Optional.empty());
    }

    /** FX thread: does what an {@code auscult://} link asks for. */
    public void follow(DeepLink link) {
        LOG.log(Level.INFO, "following an auscult:// link: {0}", link);
        switch (link) {
            case DeepLink.Open open -> openWindow();
            case DeepLink.Prove p -> confirmations.prove(p);
            case DeepLink.Activate a when s.activated().getAsBoolean() -> {
                openWindow();
                say(text.get("notice.alreadyActivated"), true);
            }
            case DeepLink.Activate a -> windows.activation(s.prefill().withLink(a), s.prefill().suggestedAddress(a));
        }
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
            windows.text(content);
        });
    }

    /** A fresh evidence pack, made off the FX thread (a scan), then shown so the user sees it before saving. */
    public void exportEvidence() {
        dev.auscult.platform.Background.run("auscult-background", () -> {
            try {
                windows.evidence(s.evidence().call().pack());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "evidence export failed: {0}", e.toString());
                windows.text(text.get("export.failed", String.valueOf(e.getMessage())));
            }
        });
    }

    @Override
    public void about() {
        windows.about(AgentVersion.current().toString());
    }

    @Override
    public void quit() {
        tray.remove();
        s.onQuit().run();
        Platform.exit();
        // AWT's tray thread can outlive the toolkit: once the pending saves are written, leave for certain.
        dev.auscult.platform.Background.platformThread("auscult-quit", () -> {
            saver.close();
            System.exit(0);
        });
    }

}
