package dev.auscult.ui.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentServices;
import dev.auscult.platform.DeepLink;
import dev.auscult.sync.FakeBackendAccess;
import dev.auscult.ui.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The wizard, headless, against the fake backend on loopback with a real activation. */
@ExtendWith(ApplicationExtension.class)
class ActivationWizardTest {

    private static Path home;
    private FakeBackendAccess backend;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ActivationWizard wizard;
    private ActivationWizard.Prefill configured;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("auscult-wizard");
        System.setProperty("auscult.home", home.toString());
        System.setProperty("auscult.credentials", "file");
        backend = FakeBackendAccess.start("acme");
        AgentServices agent = AgentServices.forThisUser();
        Theme.followSystem();
        configured = new ActivationWizard.Prefill(Optional.empty(), Optional.of("acme"), Optional.empty(), Optional.of(backend.url()));
        wizard = new ActivationWizard((url, email, account, code) -> agent.activator().activate(url, email, account, code,
                agent.deviceFacts(), "uuid-wizard", true),
                configured, () -> closed.set(true));
        Scene scene = new Scene(wizard, 460, 560);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        backend.close();
        System.clearProperty("auscult.home");
        System.clearProperty("auscult.credentials");
    }

    private void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    @Test
    void validatesInlineKeepsInputOnErrorsAndActivates(FxRobot robot) throws Exception {
        robot.clickOn("#continue");
        assertEquals("acme", robot.lookup("#account").queryAs(TextField.class).getText(), "prefilled from the managed configuration");
        type(robot, "email", "not-an-email");
        type(robot, "code", "WRONG123");
        robot.clickOn("#activate");
        assertTrue(robot.lookup("#email-error").queryAs(Label.class).isVisible());

        type(robot, "email", "alice@example.com");
        robot.clickOn("#activate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#form-error").tryQuery().isEmpty()
                && robot.lookup("#form-error").queryAs(Label.class).isVisible());
        assertTrue(robot.lookup("#form-error").queryAs(Label.class).getText().contains("not valid"));
        assertEquals("alice@example.com", robot.lookup("#email").queryAs(TextField.class).getText(), "nothing typed is lost");

        type(robot, "code", backend.newCode());
        robot.clickOn("#activate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#activated").tryQuery().isEmpty());
        assertTrue(robot.lookup("#activated").queryAs(Label.class).getText().contains("account acme as alice@example.com"));
        assertTrue(AgentServices.forThisUser().syncState().activation().isPresent());
        robot.clickOn("#close");
        assertTrue(closed.get());
    }

    @Test
    void anAddressThatIsNotAnAuscultServerIsToldInWordsNotInHttp(FxRobot robot) throws Exception {
        // e.g. the console's address behind a proxy that answers 404 to /graphql
        com.sun.net.httpserver.HttpServer notAuscult = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        notAuscult.createContext("/", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        notAuscult.start();
        try {
            AgentServices agent = AgentServices.forThisUser();
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + notAuscult.getAddress().getPort() + "/graphql");
            robot.interact(() -> robot.lookup("#continue").query().getScene().setRoot(new ActivationWizard((u, e, a, c) ->
                    agent.activator().activate(u, e, a, c, agent.deviceFacts(), "uuid-wizard", true),
                    new ActivationWizard.Prefill(Optional.of("alice@example.com"), Optional.of("acme"), Optional.of("ABCD-EFGH-JKLM"), Optional.of(url)),
                    () -> { })));
            robot.clickOn("#continue");
            robot.clickOn("#activate");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#form-error").tryQuery().isEmpty()
                    && robot.lookup("#form-error").queryAs(Label.class).isVisible());
            String shown = robot.lookup("#form-error").queryAs(Label.class).getText();
            assertTrue(shown.contains("does not answer like your organisation's Auscult server"), shown);
            assertTrue(!shown.contains("404") && !shown.contains("HTTP") && !shown.contains("contract"), shown);
        } finally {
            notAuscult.stop(0);
        }
    }

    @Test
    void aClickedActivationLinkFillsTheFormAndActivates(FxRobot robot) throws Exception {
        String code = backend.newCode();
        DeepLink.Activate link = (DeepLink.Activate) DeepLink.parse("auscult://activate?email=bob%40example.com&code=" + code
                + "&backend=https://elsewhere.example/graphql").orElseThrow();
        robot.interact(() -> wizard.fillIn(configured.withLink(link)));
        robot.clickOn("#continue");
        assertEquals("bob@example.com", robot.lookup("#email").queryAs(TextField.class).getText());
        assertEquals(code, robot.lookup("#code").queryAs(TextField.class).getText());
        assertEquals("acme", robot.lookup("#account").queryAs(TextField.class).getText(), "the link had no account: the configured one stays");
        robot.clickOn("#activate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#activated").tryQuery().isEmpty());
        assertTrue(robot.lookup("#activated").queryAs(Label.class).getText().contains("account acme as bob@example.com"));
    }

    /** No managed backend: the person types the address from their e-mail, and sees whom it belongs to before the code goes there. */
    @Test
    void aTypedAddressIsConfirmedWithTheOrganisationsNameBeforeTheCodeIsSent(FxRobot robot) throws Exception {
        AgentServices agent = AgentServices.forThisUser();
        robot.interact(() -> {
            ActivationWizard unmanaged = new ActivationWizard((url, email, account, code) -> agent.activator().activate(url, email, account, code,
                    agent.deviceFacts(), "uuid-wizard-2", true), ActivationWizard.Discovery.fromServer(java.util.Map.of()),
                    new ActivationWizard.Prefill(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), () -> closed.set(true),
                    dev.auscult.ui.UiText.ENGLISH);
            wizard.getScene().setRoot(unmanaged);
        });
        robot.clickOn("#continue");
        robot.clickOn("#email").write("carol@example.com");
        robot.clickOn("#account").write("acme");
        robot.clickOn("#code").write(backend.newCode());
        robot.clickOn("#backend").write(backend.url().toString().replace("/graphql", "/console"));
        robot.clickOn("#activate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#organisation").tryQuery().isEmpty());
        assertTrue(robot.lookup("#organisation").queryAs(Label.class).getText().startsWith("This address belongs to Org acme (127.0.0.1)."),
                robot.lookup("#organisation").queryAs(Label.class).getText());
        assertTrue(AgentServices.forThisUser().syncState().activation().isEmpty(), "nothing sent before the person confirms");
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = robot.lookup("#organisation").query().getScene().snapshot(null));
        java.nio.file.Path png = java.nio.file.Path.of("target", "screenshots", "wizard-confirm-organisation.png");
        Files.createDirectories(png.getParent());
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot[0], null), "png", png.toFile());
        robot.clickOn("#confirm");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#activated").tryQuery().isEmpty());
        assertTrue(robot.lookup("#activated").queryAs(Label.class).getText().contains("account acme as carol@example.com"));
    }

    @Test
    void notNowLeavesTheAgentWorkingLocally(FxRobot robot) {
        robot.clickOn("#not-now");
        assertTrue(closed.get());
    }
}
