package dev.auscult.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

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

    @Test
    void packagesDependOnEachOtherOneWay() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.auscult.server.(*)..").should().beFreeOfCycles()
                .because("each package has one job and builds on the ones below it (store, mail, service, console, http, cli); "
                        + "a cycle — mail reaching back into service for a settings type, say — makes both change together")
                .check(server);
    }

    @Test
    void theMailPackageKnowsNoService() {
        noClasses().that().resideInAPackage("dev.auscult.server.mail..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.auscult.server.service..", "dev.auscult.server.store..",
                        "dev.auscult.server.http..")
                .because("mail renders and sends messages from values it is given; what to send is the services' decision")
                .check(server);
    }

    @Test
    void onlyTheStorageAndServiceLayersTouchTheDatabase() {
        noClasses().that().resideInAnyPackage("dev.auscult.server.http..", "dev.auscult.server.console..", "dev.auscult.server.mail..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
                .because("pages and the API ask the services; SQL and transactions stay below them (the storage floor, issue #31)")
                .check(server);
    }

    @Test
    void servicesHoldNoSql() {
        noClasses().that().resideInAPackage("dev.auscult.server.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
                .because("a service keeps the rules and asks its stores (Tx.run) for rows: with SQL beside the rules, a query can forget "
                        + "its account and a transaction its other half")
                .check(server);
    }

    /** The tables that belong to no account: the accounts themselves, the server's signing keys, the sign-in throttle's counters. */
    private static final java.util.Set<Class<?>> SERVER_WIDE = java.util.Set.of(dev.auscult.server.store.AccountStore.class,
            dev.auscult.server.store.SigningKeyStore.class, dev.auscult.server.store.AttemptStore.class);

    /**
     * Every store method on an account's table takes the {@link dev.auscult.server.store.Account} (as a parameter, or as
     * the row it writes), or says in its name that it crosses accounts — the doors' lookups by a secret, the workers and
     * sweeps that serve every account. A query that forgets its account then cannot look like one that does not need it.
     */
    @Test
    void storeMethodsNameTheAccountOrSayTheyCrossAccounts() throws Exception {
        java.util.List<String> unscoped = new java.util.ArrayList<>();
        for (JavaClass c : server.that(DescribedPredicate.describe("store interfaces",
                (JavaClass x) -> x.getPackageName().equals("dev.auscult.server.store") && x.isInterface() && x.getSimpleName().endsWith("Store")))) {
            Class<?> store = c.reflect();
            if (SERVER_WIDE.contains(store)) {
                continue;
            }
            for (java.lang.reflect.Method m : store.getDeclaredMethods()) {
                boolean account = java.util.Arrays.stream(m.getParameters()).anyMatch(p -> p.getType() == dev.auscult.server.store.Account.class
                        || p.getParameterizedType().getTypeName().equals("java.util.Optional<dev.auscult.server.store.Account>")
                        || p.getType().isRecord() && java.util.Arrays.stream(p.getType().getRecordComponents())
                                .anyMatch(rc -> rc.getType() == dev.auscult.server.store.Account.class));
                if (!m.isSynthetic() && !m.isDefault() && !account && !m.getName().endsWith("AcrossAccounts")) {
                    unscoped.add(store.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertEquals(java.util.List.of(), unscoped);
    }

    /**
     * An {@link dev.auscult.server.store.Account} is made only where an account is established: by the stores (read
     * from the row a door's lookup found: a device's token, a session, an API or SCIM token, a sign-in's secret), the
     * console's door and its single sign-on (the organisation a sign-in starts for),
     * and the operator's command line (which holds the database itself).
     * Everything else receives one — so an id from a form, a path or a report can never become an account by itself.
     */
    @Test
    void onlyTheDoorsMakeAnAccount() {
        noClasses().that().resideOutsideOfPackage("dev.auscult.server.store..")
                .and().doNotHaveFullyQualifiedName("dev.auscult.server.http.ConsoleRoutes")
                .and().doNotHaveFullyQualifiedName("dev.auscult.server.http.ConsoleSso")
                .and().doNotHaveFullyQualifiedName("dev.auscult.server.cli.AdminCommand$AccountTask")
                .should().callConstructor(dev.auscult.server.store.Account.class, String.class)
                .because("isolation must never rest on an id someone typed: an account is what a door proved, carried from there")
                .check(server);
    }

    @Test
    void theServerIsBuiltInFloors() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Root").definedBy(DescribedPredicate.describe("Main, ServerConfig, ServerServices",
                        (JavaClass c) -> c.getPackageName().equals("dev.auscult.server")))
                .layer("Cli").definedBy("dev.auscult.server.cli..")
                .layer("Http").definedBy("dev.auscult.server.http..")
                .layer("Console").definedBy("dev.auscult.server.console..")
                .layer("Push").definedBy("dev.auscult.server.push..")
                .layer("Service").definedBy("dev.auscult.server.service..")
                .layer("Mail").definedBy("dev.auscult.server.mail..")
                .layer("Store").definedBy("dev.auscult.server.store..")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Root")
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Root", "Cli")
                .whereLayer("Console").mayOnlyBeAccessedByLayers("Http")
                .whereLayer("Push").mayOnlyBeAccessedByLayers("Root", "Http", "Cli")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Root", "Cli", "Http", "Console", "Push")
                .whereLayer("Mail").mayOnlyBeAccessedByLayers("Root", "Cli", "Http", "Console", "Service")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Root", "Cli", "Http", "Console", "Push", "Service")
                .because("docs/architecture.md, The server's floors: each floor builds on the ones below it, and the doors (HTTP, console, "
                        + "command line, push workers) reach the database only through the services and the stores' types")
                .check(server);
    }
}
