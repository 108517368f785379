package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.service.Actor;
import dev.auscult.server.service.ApiError;
import dev.auscult.server.service.Audience;
import dev.auscult.server.service.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The roles hold where the action is taken: each service that changes something takes the {@link Actor} (account,
 * role, door) and refuses what the role may not do, or another account's data — whatever door the call came through,
 * and even if a route forgot its own check. What is allowed is audited with the person, the role and the door.
 */
class RolesInTheServicesTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(new TestDatabases.Kind("SQLite").freshUrl(), m -> { });
        for (String a : List.of("acme", "globex")) {
            server.services.accounts().create(a, a, "test");
            server.services.people().importCsv(new Account(a), "alice@" + a + ".example,Alice,eng\n", Actor.cli(a, "setup"));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Actor console(String account, Role role) {
        return new Actor(account, role.name().toLowerCase() + "@" + account + ".example", role, Actor.Door.CONSOLE);
    }

    private static void refused(Executable action) {
        ApiError e = assertThrows(ApiError.class, action);
        assertEquals(ApiError.Code.FORBIDDEN, e.code());
    }

    private Executable publish(Actor a) {
        return () -> server.services.policies().publish(new Account("acme"), Optional.empty(), "policy.yaml", "firewall: ALWAYS\n", a);
    }

    private Executable sendCodes(Actor a) {
        return () -> server.services.sender().send(new Account("acme"), new Audience.Everyone(), a);
    }

    private Executable saveWebhook(Actor a) {
        return () -> server.services.deliveries().add(new Account("acme"), dev.auscult.server.store.DeliveryTarget.Kind.WEBHOOK, "siem",
                "https://siem.acme.example/hook", Optional.empty(), Optional.empty(), a);
    }

    private Executable changeRole(Actor a) {
        return () -> server.services.admins().changeRole(new Account("acme"), "nobody@acme.example", Role.OWNER, a);
    }

    @Test
    void eachRoleMayDoWhatItsPermissionsSayAndNothingElse() {
        Actor helpdesk = console("acme", Role.HELPDESK);
        assertDoesNotThrow(sendCodes(helpdesk));
        refused(publish(helpdesk));
        refused(saveWebhook(helpdesk));
        refused(changeRole(helpdesk));

        Actor editor = console("acme", Role.POLICY_EDITOR);
        assertDoesNotThrow(publish(editor));
        refused(sendCodes(editor));
        refused(saveWebhook(editor));

        Actor auditor = console("acme", Role.AUDITOR);
        for (Executable change : List.of(publish(auditor), sendCodes(auditor), saveWebhook(auditor), changeRole(auditor))) {
            refused(change);
        }

        Actor owner = console("acme", Role.OWNER);
        assertDoesNotThrow(saveWebhook(owner));
        assertDoesNotThrow(publish(owner));
    }

    @Test
    void noRoleReachesAnotherAccountWhateverTheDoor() {
        for (Actor.Door door : Actor.Door.values()) {
            Actor globexOwner = new Actor("globex", "owner@globex.example", Role.OWNER, door);
            refused(publish(globexOwner));
            refused(sendCodes(globexOwner));
            refused(saveWebhook(globexOwner));
        }
        assertTrue(server.services.policies().versions(new Account("acme")).isEmpty(), "nothing was published in acme");
    }

    @Test
    void theAuditLogNamesThePersonTheRoleAndTheDoor() throws Throwable {
        publish(console("acme", Role.POLICY_EDITOR)).execute();
        publish(new Actor("acme", "ticketing", Role.POLICY_EDITOR, Actor.Door.API)).execute();
        publish(Actor.cli("acme", "root")).execute();
        List<String> actors = server.services.audit().recent(new Account("acme"), 10).stream().filter(e -> e.action().equals("policy.publish"))
                .map(e -> e.actor()).toList();
        assertEquals(List.of("cli:root", "api:ticketing (Policy editor)", "console:policy_editor@acme.example (Policy editor)"), actors);
    }
}
