package dev.auscult.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The roll-out in one go, as the administrator and the employee live it (issue "a roll-out that works the first
 * time"): the server started as its own process with a real SMTP server, the first administrator made with the admin
 * command, the console signed in over the documented transport (the machine itself), people imported from an HR
 * export with a byte-order mark and quoted commas, codes sent, the code used exactly as the mail says (its command,
 * run as the agent's own CLI process), the first report in the console, a stricter policy previewed per practice,
 * published and picked up, the device revoked — told by its own exit code — and activated again with a new code.
 */
class SeedFlowTest {

    private static final String ADMIN = "it@acme.example";
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path dir;

    private Process server;
    private int port;
    private WebDriver browser;
    private final Path shots = Path.of(System.getenv().getOrDefault("AUSCULT_SERVER_TEST_TMP", "target"), "seed-flow-screenshots");

    private List<String> java(String mainClass) {
        return new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", mainClass));
    }

    private record Run(int code, String out) {
    }

    private Run run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", cmd));
        return new Run(p.exitValue(), out);
    }

    private Run admin(String... args) throws Exception {
        List<String> cmd = java("dev.auscult.server.Main");
        cmd.add("admin");
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--data", dir.resolve("data").toString()));
        return run(cmd, Map.of("AUSCULT_ADMIN_PASSWORD", PASSWORD));
    }

    /** The agent's command line as its own process, in its own home (what `auscult …` on the laptop is). */
    private Run agent(String... args) throws Exception {
        List<String> cmd = java("dev.auscult.Main");
        cmd.add(1, "-Dauscult.launcher=cli");
        cmd.add(1, "-Dauscult.credentials=file");
        cmd.add(1, "-Dauscult.home=" + dir.resolve("laptop"));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of());
    }

    @BeforeEach
    void start() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(driver);
        if (!present && "1".equals(System.getenv("AUSCULT_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("AUSCULT_REQUIRE_BROWSER=1 but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed; the seed flow is skipped");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> serve = java("dev.auscult.server.Main");
        serve.addAll(List.of("serve", "--bind", "127.0.0.1", "--port", String.valueOf(port), "--data", dir.resolve("data").toString()));
        ProcessBuilder pb = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().putAll(Map.of("AUSCULT_SMTP_HOST", "127.0.0.1", "AUSCULT_SMTP_PORT", String.valueOf(ServerSetupTest.SMTP.getPort()),
                "AUSCULT_SMTP_STARTTLS", "false", "AUSCULT_SMTP_FROM", "IT <it@acme.example>", "AUSCULT_PUBLIC_URL", base()));
        server = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (Http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).GET().build()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue(server.isAlive() && System.nanoTime() < deadline, Files.readString(dir.resolve("server.log")));
            Thread.sleep(200);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("chromium-seed"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        Files.createDirectories(shots);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.destroy();
        }
    }

    /** The documented transport on the server's own machine: http://localhost (a secure context for the browser). */
    private String base() {
        return "http://localhost:" + port;
    }

    private void shot(String name) throws Exception {
        File f = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), shots.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void go(By by) {
        WebElement old = browser.findElement(by);
        old.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> {
                    try {
                        old.isEnabled();
                        return false;
                    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                        return true;
                    }
                });
    }

    private void lightAndDark(String name) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
            shot(name + (dark ? "-dark" : "-light"));
        }
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    /** The HTML part of a received mail, as a file the browser can show. */
    private Path htmlOf(String email) throws Exception {
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(email) && m.getContent() instanceof jakarta.mail.Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    if (mp.getBodyPart(i).isMimeType("text/html")) {
                        return Files.writeString(dir.resolve("mail.html"), (String) mp.getBodyPart(i).getContent());
                    }
                }
            }
        }
        throw new AssertionError("no HTML mail to " + email);
    }

    private String mailTo(String email) throws Exception {
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(email)) {
                return GreenMailUtil.getBody(m);
            }
        }
        throw new AssertionError("no mail to " + email);
    }

    /** The mail's command, word by word as a shell would split it (the mail quotes with single quotes where needed). */
    private static List<String> commandIn(String mail) {
        Matcher m = Pattern.compile("auscult activate [^\\r\\n]+").matcher(mail.replace("=\r\n", "").replace("=3D", "="));
        assertTrue(m.find(), "the mail carries the command: " + mail);
        List<String> words = new ArrayList<>();
        Matcher w = Pattern.compile("'([^']*)'|(\\S+)").matcher(m.group());
        while (w.find()) {
            words.add(w.group(1) != null ? w.group(1) : w.group(2));
        }
        return words.subList(1, words.size());   // without "auscult"
    }

    @Test
    void fromAFreshServerToAReportingDeviceAndBackAgain() throws Exception {
        // the first administrator, with the admin command beside the running server
        assertEquals(0, admin("create-account", "acme", "--name", "Acme Corp").code());
        Run created = admin("create-admin", ADMIN, "--account", "acme");
        assertEquals(0, created.code(), created.out());

        // sign in over the documented transport
        browser.get(base() + "/console");
        browser.findElement(By.id("username")).sendKeys(ADMIN);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        go(By.id("sign-in"));
        assertTrue(browser.getCurrentUrl().endsWith("/console"), browser.getCurrentUrl());

        // people from an HR export: byte-order mark, its own column order, a comma inside quotes
        String user = System.getProperty("user.name");
        Path export = Files.writeString(dir.resolve("hr.csv"), "\uFEFFDepartment,Email,Full Name\nEngineering," + user + "@acme.example,\"Doe, Jane\"\n"
                + "Sales,bob@acme.example,Bob\n");
        browser.get(base() + "/console/people");
        browser.findElement(By.id("csv-file")).sendKeys(export.toString());
        go(By.cssSelector("#import button"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("2 added"), browser.findElement(By.id("message")).getText());

        // codes to everyone (asked first), through the real SMTP server
        browser.get(base() + "/console/activations");
        browser.findElement(By.cssSelector("#send input[value=all]")).click();
        go(By.cssSelector("#send button"));
        go(By.id("confirm-button"));
        assertTrue(browser.findElement(By.id("send-report")).getText().contains("2 sent, 0 failed"));
        String mail = mailTo(user + "@acme.example");
        assertTrue(mail.contains("Doe, Jane") || mail.contains("Jane"), "greeted by name");
        browser.get(htmlOf(user + "@acme.example").toUri().toString());
        lightAndDark("activation-mail");
        browser.get(base() + "/console/settings");
        lightAndDark("settings");
        browser.get(base() + "/console/rollout");
        lightAndDark("rollout-kit");

        // the employee runs the mail's command exactly as written
        List<String> command = commandIn(mail);
        assertTrue(command.contains("--backend"), "the server's address travels with the code: " + command);
        Run activated = agent(command.toArray(String[]::new));
        assertEquals(0, activated.code(), activated.out());

        // the first report, in the console within seconds
        Run sync = agent("sync");
        assertTrue(sync.code() == 0, sync.out());
        browser.get(base() + "/console/devices?q=" + user);
        String row = browser.findElement(By.cssSelector("table.devices tbody tr")).getText();
        assertTrue(row.contains(user + "@acme.example"), row);
        shot("device-reported");

        // a stricter policy: previewed per practice, published, picked up
        browser.get(base() + "/console/policy");
        WebElement text = browser.findElement(By.id("text"));
        text.clear();
        text.sendKeys("# stricter for the audit\nname: Acme strict\nautomaticUpdates: NEVER\nfirewall: ALWAYS\n");
        go(By.id("check"));
        assertTrue(browser.findElement(By.id("practice-effect")).isDisplayed());
        shot("policy-preview");
        go(By.id("publish"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("as version 1 for everyone"));
        assertEquals(0, agent("sync").code());
        Run status = agent("status");
        assertTrue(status.out().contains("Acme strict") || status.out().contains("version 1"), status.out());

        // revoked in the console: the device says so by its own exit code, and a new code brings it back
        go(By.cssSelector("a[href='/console/devices']"));
        browser.get(base() + "/console/devices?q=" + user);
        go(By.cssSelector("table.devices tbody a"));
        go(By.id("revoke"));
        assertEquals(15, agent("sync").code(), "revoked, not 'unreachable'");
        browser.get(base() + "/console/activations");
        browser.findElement(By.cssSelector("#send input[value=emails]")).click();
        browser.findElement(By.cssSelector("#send textarea[name=emails]")).sendKeys(user + "@acme.example");
        go(By.cssSelector("#send button"));
        String second = null;
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(user + "@acme.example")) {
                second = GreenMailUtil.getBody(m);
            }
        }
        List<String> again = new ArrayList<>(commandIn(second));
        again.add("--force");
        Run reactivated = agent(again.toArray(String[]::new));
        assertEquals(0, reactivated.code(), reactivated.out());
        assertEquals(0, agent("sync").code());
    }
}
