package dev.auscult.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server's layers, each rule with its reason. */
class ServerArchitectureTest {

    private final JavaClasses server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.auscult.server");

    @Test
    void theServerUsesOnlyTheAgentsSharedCode() {
        noClasses().that().resideInAPackage("dev.auscult.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.ui..", "dev.auscult.app..", "dev.auscult.cli..", "dev.auscult.localapi..", "javafx..", "java.awt..")
                .because("the server depends on the agent artifact for policy, report and contract code only; the agent's UI, "
                        + "tray-app wiring and CLI are excluded from the server's dependencies and must stay unused")
                .check(server);
    }

    @Test
    void servicesKnowNothingOfHttp() {
        noClasses().that().resideInAPackage("dev.auscult.server.service..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "dev.auscult.server.http..", "dev.auscult.server.cli..")
                .because("the admin CLI, the HTTP API and the console share the service layer; it must not depend on any of them")
                .check(server);
    }
}
