package dev.auscult.boot;

import dev.auscult.config.AgentConfig;
import dev.auscult.app.AgentRuntime;
import dev.auscult.app.AgentServices;
import dev.auscult.app.AgentVersion;
import dev.auscult.config.AppPaths;
import dev.auscult.platform.DeepLink;
import dev.auscult.app.DisplayLanguage;
import dev.auscult.platform.LaunchAtLogin;
import dev.auscult.app.LocalApiRunner;
import dev.auscult.app.Logging;
import dev.auscult.app.ManagedActivation;
import dev.auscult.app.PolicySource;
import dev.auscult.app.ScanService;
import dev.auscult.app.SettingsStore;
import dev.auscult.platform.SingleInstance;
import dev.auscult.app.SyncLoop;
import dev.auscult.app.VerdictMemory;
import dev.auscult.instructions.Instructions;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.OsPlatform;
import dev.auscult.ui.AgentUi;
import dev.auscult.ui.MacUrlEvents;
import dev.auscult.ui.SystemLinkOpener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The tray app's composition root, and the only place that sees both the application and the UI: claims
 * the single instance (a second launch just shows the first one's window), wires the services, starts the
 * JavaFX toolkit, then the parts that report to the window. Only reached when no CLI command was given.
 */
public final class TrayApp {

    private static final System.Logger LOG = System.getLogger(TrayApp.class.getName());

    private TrayApp() {
    }

    /** @param args {@code --start-hidden} (launch at login) and {@code --policy FILE} */
    public static int launch(List<String> args) {
        long t0 = System.nanoTime();
        OsPlatform platform = OsPlatform.fromOsName(System.getProperty("os.name", "")).orElse(OsPlatform.LINUX);
        Path home = dev.auscult.storage.UserHome.current();
        AppPaths paths = AppPaths.forCurrentUser(platform, System.getenv(), home);
        try {
            Logging.toFiles(paths.logDir());
        } catch (IOException e) {
            System.err.println("auscult: logging to " + paths.logDir() + " is not possible: " + e.getMessage());
        }
        boolean startHidden = args.contains("--start-hidden");
        Optional<Path> policyArg = argument(args, "--policy").map(Path::of);
        // --locale, else -Dauscult.locale (JAVA_TOOL_OPTIONS), else the config's, else the OS's
        Optional<String> localeArg = argument(args, "--locale").or(() -> Optional.ofNullable(System.getProperty("auscult.locale")));

        Optional<String> link = args.stream().filter(DeepLink::looksLikeLink).findFirst();

        // Requests from other launches (a second start, a clicked link) are ignored until the UI is up to serve them.
        AtomicReference<Consumer<String>> requests = new AtomicReference<>(msg -> { });
        SingleInstance instance = null;
        try {
            Optional<SingleInstance> claimed = SingleInstance.claim(paths.instanceSocket(), link.orElse("show"), msg -> requests.get().accept(msg));
            if (claimed.isEmpty()) {
                System.out.println(link.isPresent() ? "Auscult is already running; it has been given the link."
                        : "Auscult is already running; its window has been brought to the front.");
                return 0;
            }
            instance = claimed.get();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "single-instance check failed, running standalone: {0}", e.getMessage());
        }
        return start(paths, platform, home, startHidden, policyArg, localeArg, link, requests, instance, t0);
    }

    /** What the FX thread needs from the wiring, made on another thread while the toolkit starts. */
    private record Wired(AgentServices agent, AgentConfig config, ScanService scans, AgentRuntime runtime,
                         List<AutoCloseable> running, AgentUi.Services services) {
    }

    private static int start(AppPaths paths, OsPlatform platform, Path home, boolean startHidden, Optional<Path> policyArg,
                             Optional<String> localeArg, Optional<String> link, AtomicReference<Consumer<String>> requests, SingleInstance instance, long t0) {
        // The configuration, policy and instructions (~70 ms of files and YAML) are read on another thread while
        // this one starts the toolkit (~60 ms of GTK and Glass): on two cores the window is up that much sooner.
        java.util.concurrent.CompletableFuture<Wired> wiring = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> wire(paths, platform, home, policyArg, localeArg, instance), r -> dev.auscult.platform.Background.platformThread("auscult-wiring", r));
        Platform.startup(() -> {
            // The theme's stylesheet (parsed here, ~37 ms) needs only the toolkit: set it while the wiring finishes —
            // when a window is to show; a start at login leaves it to the first window (Theme.scene).
            if (!startHidden) {
                dev.auscult.ui.Theme.followSystem();
            }
            Wired w;
            try {
                w = wiring.join();
            } catch (java.util.concurrent.CompletionException e) {
                // nothing to show a window with: say why where the launch can be seen, and leave
                LOG.log(Level.ERROR, "Auscult could not start", e.getCause());
                System.err.println("auscult: could not start: " + e.getCause());
                closeQuietly(instance);
                Platform.exit();
                System.exit(70);
                return;
            }
            AgentServices agent = w.agent();
            AgentConfig config = w.config();
            ScanService scans = w.scans();
            AgentRuntime runtime = w.runtime();
            List<AutoCloseable> running = w.running();
            AgentUi ui = new AgentUi(w.services());
            // The parts that tell the window something are made once the window exists: their first message
            // can come at once (a port taken, a backend down).
            SyncLoop sync = new SyncLoop(agent, notice -> Platform.runLater(() -> ui.syncNotice(notice)),
                    () -> runtime.rescan("new policy from the backend"));
            sync.follow(runtime);
            LocalApiRunner localApi = new LocalApiRunner(config.localApi(), scans, AgentVersion.current(),
                    scan -> Platform.runLater(() -> ui.remoteScan(scan)),
                    problem -> Platform.runLater(() -> ui.localApiProblem(problem)),
                    new dev.auscult.app.DeviceAnswerSigner(agent.syncState(), java.time.Clock.systemUTC()));
            running.add(localApi);
            running.add(sync);
            // anything but a link we understand ("show", a second plain launch) just brings the window up
            Consumer<String> handle = msg -> ui.follow(DeepLink.parse(msg).orElseGet(DeepLink.Open::new));
            requests.set(msg -> Platform.runLater(() -> handle.accept(msg)));
            if (platform == OsPlatform.DARWIN) {
                MacUrlEvents.forward(requests.get());
            }
            ui.start(new javafx.stage.Stage(), startHidden || link.isPresent()); // a link decides what to show
            link.ifPresent(handle);
            LOG.log(Level.INFO, "Auscult {0} started in {1} ms", AgentVersion.current(), (System.nanoTime() - t0) / 1_000_000);
            if (Boolean.getBoolean("auscult.exitAfterShown")) {
                // start-up measurements (bench/ui-startup.sh): report and leave once the window is up
                System.out.println("window-shown-epoch-ms=" + System.currentTimeMillis());
                Platform.exit();
                System.exit(0);
            }
            if (Boolean.getBoolean("auscult.aotTraining")) {
                leaveAfterFirstScan(runtime);
            }
            runtime.start();
            localApi.start();
            sync.start();
            // After the toolkit and the window exist: a quick failure calls runLater, which throws before start-up
            // (the user then never saw why the device was not activated).
            // Activated by the MDM's configuration: scan and report at once (the first scan may have finished before the
            // activation did, and the next would be an hour away while the console shows "no report").
            ManagedActivation.attempt(agent, notice -> Platform.runLater(() -> ui.syncNotice(notice)),
                    () -> runtime.rescan("activated by the organisation"));
        });
        // The toolkit is up: when the window is to show, this thread loads the icon font while the FX thread sets
        // the theme up. A hidden start (login) leaves it to the window's first opening: 4 MB less while idle.
        if (!startHidden && link.isEmpty()) {
            try {
                dev.auscult.ui.VerdictIcons.warmUp();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "icon font not loaded ahead: {0}", e.toString());
            }
        }
        return 0;
    }

    private static Wired wire(AppPaths paths, OsPlatform platform, Path home, Optional<Path> policyArg, Optional<String> localeArg,
                              SingleInstance instance) {
        AgentServices agent = AgentServices.forThisUser();
        AgentConfig config = agent.config(); // loaded once, by the services
        DisplayLanguage language = DisplayLanguage.choose(localeArg.or(config::language), Locale.getDefault());
        // The tooltip's and window's numbers and dates load the JDK's locale data (~30 ms cold): on the other
        // core while JavaFX starts, instead of on the FX thread when the first scan is shown.
        dev.auscult.platform.Background.run("auscult-locale-data", () -> {
            java.text.NumberFormat.getIntegerInstance(language.locale()).format(1);
            java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.FULL, java.time.format.FormatStyle.SHORT)
                    .withLocale(language.locale()).withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.now());
        });
        PolicyLoader loader = new PolicyLoader();
        // A policy given on the command line wins; otherwise the backend's once there is one, then config's, then the bundled.
        PolicySource policies = policyArg.map(f -> PolicySource.file(loader, f)).orElseGet(() -> agent.policySource(loader));
        Instructions instructions = instructions(config, language);
        ScanService scans = agent.scans();
        AgentRuntime runtime = new AgentRuntime(scans, policies, config.rescanInterval(), Clock.systemUTC());
        String desktop = Optional.ofNullable(System.getenv("XDG_CURRENT_DESKTOP")).orElse("");
        // Started with the window (below); stopped on Quit, in reverse order.
        List<AutoCloseable> running = new java.util.concurrent.CopyOnWriteArrayList<>();
        // One session bus connection (Linux) for the tray icon, notifications and the link portal; opened on first use.
        dev.auscult.desktop.SessionBus bus = new dev.auscult.desktop.SessionBus(Optional.empty());
        running.add(bus);
        AgentUi.Services services = new AgentUi.Services(runtime, config, instructions,
                LaunchAtLogin.forPlatform(platform, home, launchCommand()), new SettingsStore(paths.settingsFile()),
                new VerdictMemory(paths.stateDir().resolve("last-verdicts.json")), new SystemLinkOpener(platform, bus),
                Clock.systemUTC(), desktop, paths.logDir(), () -> {
                    runtime.close();
                    for (AutoCloseable c : running.reversed()) {
                        try {
                            c.close();
                        } catch (Exception e) {
                            LOG.log(Level.WARNING, "stopping {0}: {1}", c.getClass().getSimpleName(), e.toString());
                        }
                    }
                    closeQuietly(instance);
                },
                (backend, email, account, code) -> {
                    var facts = agent.deviceFacts();
                    return agent.activator().activate(backend, email, account, code, facts, agent.deviceUuid(facts), true);
                },
                () -> {
                    // a device the backend no longer accepts counts as not activated: the tray offers "Activate…" again
                    try {
                        return agent.syncState().activation().isPresent() && !agent.syncState().state().reactivationNeeded();
                    } catch (IOException e) {
                        return false;
                    }
                },
                new dev.auscult.ui.activation.ActivationWizard.Prefill(config.managedActivation().email(), config.managedActivation().account(),
                        Optional.empty(), config.backendUrl()),
                new dev.auscult.app.WhatIsSent(agent),
                () -> new dev.auscult.app.EvidenceExport(dev.auscult.probe.SourceCatalog.bundled(), scans, AgentVersion.current(),
                        Optional.of(home.toString())).live(policies.current(), java.util.Set.copyOf(dev.auscult.evidence.ControlCatalog.FRAMEWORKS)),
                bus, language, new dev.auscult.app.DeviceConfirmation(agent), dev.auscult.app.FixService.forThisMachine(agent, runtime, policies));
        return new Wired(agent, config, scans, runtime, running, services);
    }

    /**
     * The package build's AOT training run: the whole start — window, tray icon, local API, the first scan
     * shown — is recorded, then the app leaves (JDK 25 keeps the classes and profiles of that one run).
     */
    private static void leaveAfterFirstScan(AgentRuntime runtime) {
        java.util.concurrent.atomic.AtomicBoolean leaving = new java.util.concurrent.atomic.AtomicBoolean();
        runtime.addListener(state -> {
            if (!state.scanning() && state.report().isPresent() && leaving.compareAndSet(false, true)) {
                // a moment for the window and the tray icon to show the result
                dev.auscult.platform.Background.run("auscult-background", () -> {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Platform.runLater(() -> {
                        Platform.exit();
                        System.exit(0);
                    });
                });
            }
        });
    }

    private static Instructions instructions(AgentConfig config, DisplayLanguage language) {
        InstructionsLoader loader = new InstructionsLoader();
        if (config.instructionsFile().isPresent()) {
            try {
                return loader.withOverride(config.instructionsFile().get(), language.tag());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "instructions file {0} ignored: {1}", config.instructionsFile().get(), e.getMessage());
            }
        }
        return loader.bundled(language.tag());
    }

    /** How to start this same app at login: the packaged launcher if there is one, else java -jar. */
    static List<String> launchCommand() {
        String launcher = System.getProperty("jpackage.app-path");
        List<String> cmd = new ArrayList<>();
        if (launcher != null) {
            cmd.add(launcher);
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-jar");
            try {
                cmd.add(Path.of(TrayApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException | RuntimeException e) {
                cmd.add("auscult.jar");
            }
        }
        cmd.add("--start-hidden");
        return cmd;
    }

    private static Optional<String> argument(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }

    private static void closeQuietly(SingleInstance instance) {
        if (instance != null) {
            try {
                instance.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the instance socket: {0}", e.getMessage());
            }
        }
    }
}
