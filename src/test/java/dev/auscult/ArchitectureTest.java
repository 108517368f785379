package dev.auscult;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of docs/architecture.md, enforced; each says why it exists. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.auscult");
    }

    @Test
    void theDomainDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("dev.auscult.posture..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.auscult.posture..", "java..")
                .because("the posture model is what every layer and the server share: it must load anywhere, with no library or IO")
                .check(classes);
    }

    @Test
    void logicNeverTouchesUiOrDesktopToolkits() {
        noClasses().that().resideInAnyPackage("dev.auscult.posture..", "dev.auscult.policy..", "dev.auscult.probe..",
                        "dev.auscult.report..", "dev.auscult.app..", "dev.auscult.sync..", "dev.auscult.localapi..", "dev.auscult.storage..",
                        "dev.auscult.instructions..", "dev.auscult.fix..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "dev.auscult.ui..", "dev.auscult.cli..")
                .because("the command line and the server run this code without a display; a JavaFX or AWT class would start a toolkit "
                        + "or fail headless, and the server's artifact excludes JavaFX altogether")
                .check(classes);
    }

    @Test
    void fixesArePlannedFromTheScanAloneAndRunThroughTheProcessGateway() {
        noClasses().that().resideInAPackage("dev.auscult.fix..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.policy..", "dev.auscult.sync..", "dev.auscult.app..",
                        "dev.auscult.localapi..", "dev.auscult.storage..")
                .because("a fix is planned from what the scan read and runs only programs from the system's directories: the policy's "
                        + "allowances and the idle limit reach it as plain values from the app, so no policy text, server answer or "
                        + "web request can become a command")
                .check(classes);
        String click = "a fix changes the device and needs the person's click: neither a web page (the local API) nor the server "
                + "(sync) may start one";
        noClasses().that().resideInAnyPackage("dev.auscult.localapi..", "dev.auscult.sync..")
                .should().dependOnClassesThat().resideInAPackage("dev.auscult.fix..").because(click).check(classes);
        noClasses().that().resideInAnyPackage("dev.auscult.localapi..", "dev.auscult.sync..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.auscult.app.FixService").because(click).check(classes);
    }

    @Test
    void theDesktopBusLayerKnowsNoToolkitAndNoUi() {
        noClasses().that().resideInAPackage("dev.auscult.desktop..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "dev.auscult.ui..", "dev.auscult.app..")
                .because("it speaks the desktop's D-Bus protocols (tray item, menu, notifications) and is tested on a bare session bus; "
                        + "the UI hands it pixels, words and actions, so it never starts a toolkit or learns what a verdict is")
                .check(classes);
    }

    @Test
    void probesAndThePolicyWordWhatTheyFindAsPhrases() {
        String why = "a finding written as finished English cannot be said in the person's language; the String forms are for "
                + "tests and text that is not ours (a recorded message), which Finding.plain marks as such";
        for (String factory : java.util.List.of("on", "off", "unknown")) {
            noClasses().that().resideInAnyPackage("dev.auscult.probe..", "dev.auscult.policy..")
                    .should().callMethod(dev.auscult.posture.Observation.class, factory, dev.auscult.posture.PracticeId.class, String.class,
                            java.util.List.class)
                    .because(why).check(classes);
        }
    }

    @Test
    void policyAndProbesDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.auscult.policy..").should().dependOnClassesThat().resideInAPackage("dev.auscult.probe..")
                .because("a policy judges observations, wherever they came from (a live scan, a snapshot, a report on the server)").check(classes);
        noClasses().that().resideInAPackage("dev.auscult.probe..").should().dependOnClassesThat().resideInAPackage("dev.auscult.policy..")
                .because("probes report what the device is, whatever the policy; a probe that knew the policy could bend the evidence").check(classes);
    }

    @Test
    void probesOfOnePlatformDoNotUseAnothersProbes() {
        String why = "each platform's probes are proven on that platform's recorded outputs; sharing code across them would let a "
                + "change for one OS silently change another's verdicts (shared parsing lives in dev.auscult.probe)";
        noClasses().that().resideInAPackage("dev.auscult.probe.linux..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.probe.darwin..", "dev.auscult.probe.win32..").because(why).check(classes);
        noClasses().that().resideInAPackage("dev.auscult.probe.darwin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.probe.linux..", "dev.auscult.probe.win32..").because(why).check(classes);
        noClasses().that().resideInAPackage("dev.auscult.probe.win32..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.probe.linux..", "dev.auscult.probe.darwin..").because(why).check(classes);
    }

    @Test
    void onlyTheEntryPointsPrintToTheConsole() {
        noClasses().that().resideOutsideOfPackages("dev.auscult.cli..", "dev.auscult.ui..", "dev.auscult.boot..").and().doNotHaveFullyQualifiedName("dev.auscult.Main")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the command line owns the console (its output is parsed by scripts: JSON, exit codes); everything else "
                        + "returns results or logs, where tokens and control characters are handled")
                .check(classes);
    }

    @Test
    void onlyTheEntryPointKnowsTheUi() {
        noClasses().that().resideOutsideOfPackages("dev.auscult.ui..", "dev.auscult.boot..")
                .should().dependOnClassesThat().resideInAPackage("dev.auscult.ui..")
                .because("the tray app is one way in among several (CLI, local API, server); only its composition root (boot) "
                        + "wires it, and nothing below it may need it").check(classes);
    }

    @Test
    void theCompositionRootIsUsedOnlyByTheEntryPoint() {
        noClasses().that().resideOutsideOfPackage("dev.auscult.boot..").and().doNotHaveFullyQualifiedName("dev.auscult.Main")
                .should().dependOnClassesThat().resideInAPackage("dev.auscult.boot..")
                .because("boot sees every layer to wire them; anything that used it would see every layer too").check(classes);
    }

    @Test
    void theCommandLineNeverLoadsJavaFx() {
        noClasses().that().resideInAPackage("dev.auscult.cli..").should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..")
                .because("MDM scripts run auscult activate/scan over SSH and in CI, where there is no display").check(classes);
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.auscult.cli..").and().doNotHaveFullyQualifiedName("dev.auscult.Main")
                .should().dependOnClassesThat().resideInAPackage("dev.auscult.cli..")
                .because("the command line is an entry point; logic it needs belongs in app, sync or below").check(classes);
    }

    @Test
    void theAppsBackgroundWorkStartsInOnePlace() {
        noClasses().that().resideInAnyPackage("dev.auscult.ui..", "dev.auscult.app..", "dev.auscult.boot..")
                .and().doNotHaveFullyQualifiedName("dev.auscult.platform.Background")
                .should().callMethod(Thread.class, "ofVirtual")
                .orShould().callMethod(Thread.class, "ofPlatform")
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .because("a background task that throws must be logged with its name, not lost on a stderr nobody reads: the window, "
                        + "the tray and the schedulers start their threads through platform.Background")
                .check(classes);
    }

    @Test
    void onlyTheProcessGatewayStartsProcesses() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.auscult.probe.ProcessRunner")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .because("every command the agent runs goes through one gateway: fixed paths, a timeout, output bounded and recorded as "
                        + "evidence (and, for the one-click fixes to come, shown before it runs) — a second way in would skip all of that")
                .check(classes);
    }

    @Test
    void theAgentsPackagesDependOnEachOtherOneWay() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.auscult.(*)..")
                .should().beFreeOfCycles()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.auscult"))
                .because("each package builds on the ones below it (posture, probe, policy, report, sync, app, ui, cli, boot); "
                        + "a cycle makes two packages one")
                .check(classes);
    }

    @Test
    void theApplicationLayersClassesDependOnEachOtherOneWay() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .assignedFrom(new com.tngtech.archunit.library.dependencies.SliceAssignment() {
                    @Override
                    public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(com.tngtech.archunit.core.domain.JavaClass c) {
                        return c.getPackageName().equals("dev.auscult.app")
                                ? com.tngtech.archunit.library.dependencies.SliceIdentifier.of(c.getName().replaceFirst("\\$.*", ""))
                                : com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "the classes of dev.auscult.app, each with its nested classes";
                    }
                })
                .should().beFreeOfCycles()
                .because("the configuration is read first and the services are made from it: a configuration class that names a "
                        + "service (AgentConfig → ManagedActivation → AgentServices → AgentConfig, once) cannot be read or tested alone")
                .check(classes);
    }

    @Test
    void configurationAndPlatformSitBelowTheRuntime() {
        noClasses().that().resideInAnyPackage("dev.auscult.config..", "dev.auscult.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.app..", "dev.auscult.ui..", "dev.auscult.boot..", "dev.auscult.cli..")
                .because("the configuration is read, and the platform's facilities (launch at login, one instance, deep links, background "
                        + "threads) are set up, before the runtime exists and for it: they never reach back into the services made from them")
                .check(classes);
    }
}
