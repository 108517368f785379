package dev.auscult;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule of docs/architecture.md, enforced. */
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
                .check(classes);
    }

    @Test
    void logicNeverTouchesUiOrDesktopToolkits() {
        noClasses().that().resideInAnyPackage("dev.auscult.posture..", "dev.auscult.policy..", "dev.auscult.probe..",
                        "dev.auscult.report..", "dev.auscult.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "dev.auscult.ui..", "dev.auscult.cli..")
                .check(classes);
    }

    @Test
    void policyAndProbesDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.auscult.policy..").should().dependOnClassesThat().resideInAPackage("dev.auscult.probe..").check(classes);
        noClasses().that().resideInAPackage("dev.auscult.probe..").should().dependOnClassesThat().resideInAPackage("dev.auscult.policy..").check(classes);
    }

    @Test
    void probesOfOnePlatformDoNotUseAnothersProbes() {
        noClasses().that().resideInAPackage("dev.auscult.probe.linux..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.probe.darwin..", "dev.auscult.probe.win32..").check(classes);
        noClasses().that().resideInAPackage("dev.auscult.probe.darwin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.probe.linux..", "dev.auscult.probe.win32..").check(classes);
    }

    @Test
    void onlyTheEntryPointKnowsTheUi() {
        noClasses().that().resideOutsideOfPackage("dev.auscult.ui..").and().doNotHaveFullyQualifiedName("dev.auscult.Main")
                .should().dependOnClassesThat().resideInAPackage("dev.auscult.ui..").check(classes);
    }

    @Test
    void theCommandLineNeverLoadsJavaFx() {
        noClasses().that().resideInAPackage("dev.auscult.cli..").should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.auscult.cli..").and().doNotHaveFullyQualifiedName("dev.auscult.Main")
                .should().dependOnClassesThat().resideInAPackage("dev.auscult.cli..").check(classes);
    }
}
