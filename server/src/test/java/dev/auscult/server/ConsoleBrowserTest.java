package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser (Debian's Chromium, headless, through its chromedriver): sign-in and
 * lock-out, the overview, filtering and paging devices, a device's detail and revocation, sending and
 * exporting activations, the policy editor's validation and diff, CSRF, sign-out. Screenshots of every
 * page, light and dark, land in target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String ADMIN = "it-admin@acme.example";
    private static final String PASSWORD = "correct horse battery staple";
    private static RunningServer server;
    private static WebDriver browser;
    @org.junit.jupiter.api.extension.RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension SMTP = new com.icegreen.greenmail.junit5.GreenMailExtension(
            com.icegreen.greenmail.util.ServerSetupTest.SMTP).withPerMethodLifecycle(false);
    private static final Path SHOTS = Path.of(System.getenv().getOrDefault("AUSCULT_SERVER_TEST_TMP", "target"), "console-screenshots");

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(driver);
        if (!present && "1".equals(System.getenv("AUSCULT_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("AUSCULT_REQUIRE_BROWSER=1 but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed (Debian: apt install chromium chromium-driver); console browser tests skipped");
        server = RunningServer.start(TestDatabases.all().findFirst().orElseThrow().freshUrl(), new dev.auscult.server.mail.SmtpMailer(
                new dev.auscult.server.mail.SmtpMailer.Settings("127.0.0.1", com.icegreen.greenmail.util.ServerSetupTest.SMTP.getPort(),
                        java.util.Optional.empty(), java.util.Optional.empty(), "it@acme.example", false)));
        seed();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** An account with an administrator, people, and 120 devices whose latest reports vary. */
    private static void seed() throws Exception {
        var s = server.services;
        s.accounts().create("acme", "Acme Corp", "test");
        s.admins().create(new Account("acme"), ADMIN, PASSWORD, "test");
        s.admins().create(new Account("acme"), "second@acme.example", PASSWORD, "test");
        String report = AgentReports.debian11();
        String passing = report.replaceAll("\"verdict\" : \"(FAIL|UNKNOWN|NUDGE)\"", "\"verdict\" : \"PASS\"").replaceFirst("\"status\" : \"[A-Z]+\"", "\"status\" : \"PASS\"");
        for (int i = 0; i < 120; i++) {
            String email = "user" + i + "@acme.example";
            String code = s.codes().issue(new Account("acme"), email).code();
            JsonNode a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", email, code, "uuid-" + i), Map.of()))
                    .at("/data/activateDevice");
            Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", a.path("deviceId").asText(), "reportId", "r-" + i,
                    "report", i % 3 == 0 ? passing : report)), Map.of("Authorization", "Bearer " + a.path("apiToken").asText(), "JupiterOne-Account", "acme"));
        }
    }

    private static String url(String path) {
        return server.base() + path;
    }

    private static void shot(String name) throws Exception {
        File f = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void dark(boolean on) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
    }

    /** Clicks something that loads a new page, and waits until the old page is gone. */
    private static void go(By by) {
        WebElement old = browser.findElement(by);
        old.click();
        // While the document is being replaced, Chrome may answer "node does not belong to the document"
        // instead of "stale": both mean the old page is going.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> {
                    try {
                        old.isEnabled();
                        return false;
                    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                        return true;
                    }
                });
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    private static void signIn(String user, String password) {
        browser.get(url("/console/sign-in"));
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        go(By.id("sign-in"));
    }

    @Test
    @Order(1)
    void pagesNeedASessionAndRepeatedFailuresLockTheAccount() throws Exception {
        browser.get(url("/console/devices"));
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), browser.getCurrentUrl());
        signIn("second@acme.example", "wrong password!");
        assertEquals(dev.auscult.server.service.Admins.REFUSED, browser.findElement(By.id("error")).getText());
        shot("sign-in-error");
        for (int i = 0; i < 4; i++) {
            signIn("second@acme.example", "wrong password!");
        }
        signIn("second@acme.example", PASSWORD);
        assertEquals(dev.auscult.server.service.Admins.REFUSED, browser.findElement(By.id("error")).getText(),
                "held even with the right password now, in the same words as a wrong one");
        assertTrue(server.services.audit().recent(new Account("acme"), 50).stream().anyMatch(e -> e.action().equals("admin.held")));
    }

    @Test
    @Order(2)
    void theOverviewShowsComplianceFailuresAndTrend() throws Exception {
        signIn(ADMIN, PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/console"), browser.getCurrentUrl());
        String compliant = browser.findElement(By.id("compliant")).getText();
        assertTrue(compliant.contains("40 of 120 devices"), compliant);
        assertFalse(browser.findElements(By.cssSelector("svg.bars rect")).isEmpty(), "failing practices are charted");
        assertFalse(browser.findElements(By.cssSelector("svg.trend circle")).isEmpty(), "today's point on the trend");
        shot("overview-light");
        dark(true);
        shot("overview-dark");
        dark(false);
        go(By.cssSelector("svg.bars a"));
        assertTrue(browser.getCurrentUrl().contains("verdict=FAIL"), "a bar opens the filtered device list");
    }

    @Test
    @Order(3)
    void devicesFilterSortPageAndExport() throws Exception {
        browser.get(url("/console/devices"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("(120)"));
        assertEquals(50, browser.findElements(By.cssSelector("table.devices tbody tr")).size());
        go(By.id("next"));
        assertTrue(browser.findElement(By.className("pager")).getText().contains("Page 2 of 3"));
        browser.get(url("/console/devices"));
        new Select(browser.findElement(By.name("verdict"))).selectByValue("PASS");
        browser.findElement(By.name("q")).sendKeys("user3");
        go(By.cssSelector(".filters button"));
        List<WebElement> rows = browser.findElements(By.cssSelector("table.devices tbody tr"));
        assertFalse(rows.isEmpty());
        rows.forEach(r -> assertTrue(r.getText().contains("PASS") && r.getText().contains("user3"), r.getText()));
        shot("devices-filtered");
        String csvLink = browser.findElement(By.id("export-csv")).getAttribute("href");
        HttpResponse<String> csv = Http.send(HttpRequest.newBuilder(URI.create(csvLink)).header("Cookie", cookie()).GET().build());
        assertEquals(200, csv.statusCode());
        assertEquals(rows.size() + 1, csv.body().lines().count(), "the export has the same filter as the table");
        go(By.cssSelector("th a"));
        assertTrue(browser.getCurrentUrl().contains("sort=owner"));
    }

    @Test
    @Order(4)
    void aDevicesDetailShowsReasonsAndEvidenceAndItCanBeRevoked() throws Exception {
        browser.get(url("/console/devices?q=user1%40"));
        go(By.cssSelector("table.devices tbody a"));
        String table = browser.findElement(By.cssSelector("table.practices")).getText();
        // what was read, in the agent's catalogue's words; the source ID stays in the tooltip
        assertTrue(table.contains("diskEncryption") && table.contains("ran lsblk"), table);
        assertEquals("linux.block_devices", browser.findElements(By.cssSelector("table.practices .source")).stream()
                .filter(e -> e.getText().startsWith("ran lsblk")).findFirst().orElseThrow().getAttribute("title"));
        String facts = browser.findElement(By.cssSelector("dl.facts")).getText();
        assertTrue(facts.matches("(?s).*Last seen\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC \\((just now|\\d+ (min|h|days) ago)\\).*"), facts);
        shot("device-detail");
        go(By.id("revoke"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("revoked"));
    }

    @Test
    @Order(5)
    void peopleAreImportedAndTheirActivationMailLetTheAgentReport(@org.junit.jupiter.api.io.TempDir Path agentHome) throws Exception {
        browser.get(url("/console/people"));
        browser.findElement(By.id("csv")).sendKeys("email,name,group\ncarol@acme.example,Carol,eng\ndave@acme.example,Dave,\nnot an address\n");
        go(By.cssSelector("#import button"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("2 added"));
        assertTrue(browser.findElement(By.id("problems")).getText().contains("line 4"));
        shot("people");
        browser.get(url("/console/activations"));
        go(By.cssSelector("#send button"));   // people without a device: carol and dave
        String report = browser.findElement(By.id("send-report")).getText();
        assertTrue(report.contains("2 sent, 0 failed"), report);
        shot("activations");
        // Carol's mail arrived at the SMTP server; the agent activates with the code in it and reports
        jakarta.mail.internet.MimeMessage mail = java.util.Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> { try { return m.getAllRecipients()[0].toString().equals("carol@acme.example"); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("Code:\\s+(\\S{4}-\\S{4}-\\S{4})").matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail));
        assertTrue(code.find());
        var state = new dev.auscult.sync.SyncStateStore(agentHome.resolve("config"), agentHome.resolve("state"));
        var credentials = new dev.auscult.sync.FileCredentialStore(agentHome.resolve("config/credentials.json"));
        new dev.auscult.sync.Activator(state, credentials, java.time.Clock.systemUTC(), "0.1.0", Map.of()).activate(server.graphql(),
                "carol@acme.example", "acme", code.group(1), new dev.auscult.posture.DeviceFacts(dev.auscult.posture.OsPlatform.LINUX,
                        java.util.Optional.of("Debian GNU/Linux"), java.util.Optional.of("12"), java.util.Optional.empty(), java.util.Optional.of("debian"),
                        List.of(), java.util.Optional.empty(), java.util.Optional.of("carol-laptop"), java.util.Optional.empty(), java.util.Optional.empty(),
                        dev.auscult.posture.Finding.plain("os-release"), List.of()), "uuid-carol", true);
        var outbox = new dev.auscult.sync.Outbox(agentHome.resolve("state/outbox"), 10, java.time.Clock.systemUTC());
        outbox.add(AgentReports.debian11());
        assertEquals(1, new dev.auscult.sync.ReportUploader(outbox, state, credentials, java.time.Clock.systemUTC(), Map.of()).drain().uploaded());
        browser.get(url("/console/devices?q=carol"));
        String row = browser.findElement(By.cssSelector("table.devices tbody tr")).getText();
        assertTrue(row.contains("carol@acme.example") && row.contains("FAIL"), row);
        // the CSV download (the browser would save it): email,code rows the agent reads
        browser.get(url("/console/activations"));
        String csrf = browser.findElement(By.cssSelector("#export input[name=_csrf]")).getAttribute("value");
        HttpResponse<String> csv = Http.send(HttpRequest.newBuilder(URI.create(url("/console/activations/export"))).header("Cookie", cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&audience=without-device")).build());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("\"email\",\"code\"\r\n"), "every field quoted");
        assertTrue(dev.auscult.sync.ActivationCsv.forUser(csv.body().lines().toList(), "dave").isPresent());
        assertTrue(dev.auscult.sync.ActivationCsv.forUser(csv.body().lines().toList(), "carol").isEmpty(), "carol has a device now");
        // without the form's token: refused
        HttpResponse<String> forged = Http.send(HttpRequest.newBuilder(URI.create(url("/console/activations/export"))).header("Cookie", cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("audience=all")).build());
        assertEquals(403, forged.statusCode());
        // a pending code can be revoked from its row
        browser.get(url("/console/activations"));
        go(By.cssSelector("table.codes button[aria-label^='Revoke']"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("revoked"));
        // revoking every pending code asks first; Cancel changes nothing
        int live = browser.findElements(By.cssSelector("table.codes tbody tr")).size();
        go(By.cssSelector("form[action='/console/activations/revoke-pending'] button"));
        assertTrue(browser.findElement(By.id("question")).getText().contains(live + " pending activation code"), browser.findElement(By.id("question")).getText());
        shot("confirm-revoke-all");
        go(By.id("cancel"));
        assertEquals(live, browser.findElements(By.cssSelector("table.codes tbody tr")).size());
        // the list filters by state and person: Dave's mailed code was replaced by the CSV export's, with why
        browser.get(url("/console/activations?state=retired&q=dave"));
        List<String> retired = browser.findElements(By.cssSelector("table.codes tbody tr")).stream().map(e -> e.getText()).toList();
        assertTrue(!retired.isEmpty() && retired.stream().allMatch(t -> t.contains("dave@acme.example")), retired.toString());
        assertTrue(retired.stream().anyMatch(t -> t.contains("replaced by a newer code")), retired.toString());
        shot("activations-filtered");
        // sending to everyone asks first, with the number of people
        browser.get(url("/console/activations"));
        browser.findElement(By.cssSelector("#send input[value=all]")).click();
        go(By.cssSelector("#send button"));
        assertTrue(browser.findElement(By.id("question")).getText().contains("Every active person"));
        go(By.id("cancel"));
        // a directory export uploaded as a file: a byte-order mark, its own column order, a comma inside quotes, a duplicate
        Path export = agentHome.resolve("hr-export.csv");
        java.nio.file.Files.writeString(export, "\uFEFFDepartment,Email,Full Name\nResearch,zoe@acme.example,\"Zhang, Zoë\"\n"
                + "Research,zoe@acme.example,Zoe again\n");
        browser.get(url("/console/people"));
        browser.findElement(By.id("csv-file")).sendKeys(export.toString());
        go(By.cssSelector("#import button"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("1 added"), browser.findElement(By.id("message")).getText());
        assertTrue(browser.findElement(By.id("problems")).getText().contains("line 3: zoe@acme.example is already on line 2"));
        String zoe = browser.findElements(By.cssSelector("table tbody tr")).stream().map(e -> e.getText())
                .filter(t -> t.contains("zoe@acme.example")).findFirst().orElseThrow();
        assertTrue(zoe.contains("Zhang, Zoë") && zoe.contains("Research"), zoe);
        shot("people-file-import");
    }

    @Test
    @Order(6)
    void thePolicyEditorValidatesLikeTheAgentAndShowsTheDiff() throws Exception {
        browser.get(url("/console/policy"));
        WebElement text = browser.findElement(By.id("text"));
        text.clear();
        text.sendKeys("firewall: ALWAYS\ndiskEncryption: SOMETIMES\n");
        go(By.id("check"));
        String problems = browser.findElement(By.id("problems")).getText();
        assertTrue(problems.contains("console:2:17: diskEncryption: 'SOMETIMES' is not a requirement"), problems);
        shot("policy-error");
        text = browser.findElement(By.id("text"));
        text.clear();
        text.sendKeys("# Acme's laptops, reviewed with the auditors\nname: 'Acme baseline'\nfirewall: ALWAYS\ndiskEncryption: ALWAYS\nbluetooth: NEVER\n");
        go(By.id("check"));
        assertTrue(browser.findElement(By.id("diff")).getText().contains("+ diskEncryption: ALWAYS"));
        assertTrue(browser.findElement(By.id("warnings")).getText().contains("bluetooth"));
        String effect = browser.findElement(By.id("effect")).getText();
        assertTrue(effect.contains("Judged on the latest reports of"), effect);
        assertTrue(browser.findElement(By.id("practice-effect")).isDisplayed(), "the effect per practice is shown");
        shot("policy-preview");
        go(By.id("publish"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("as version 1 for everyone"));
        String kept = browser.findElement(By.id("text")).getAttribute("value");
        assertTrue(kept.startsWith("# Acme's laptops, reviewed with the auditors\nname: 'Acme baseline'"), "kept as written: " + kept);
        assertTrue(browser.findElement(By.cssSelector("#versions tbody tr")).getText().contains("everyone"), "the version in force is marked");
        // a group no one belongs to: published, with a warning
        WebElement draft = browser.findElement(By.id("text"));
        browser.findElement(By.name("group")).sendKeys("finance");
        go(By.id("publish"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("No one in People belongs to group finance yet"));
        // an organisation's first policy can start from Auscult's own, comments included
        go(By.id("start-default"));
        assertTrue(browser.findElement(By.id("text")).getAttribute("value").startsWith("# Auscult's embedded default policy"));
        shot("policy-published");
        dark(true);
        shot("policy-dark");
        dark(false);
    }

    @Test
    @Order(7)
    void settingsAreValidatedAndShapeTheActivationMail() throws Exception {
        browser.get(url("/console/settings"));
        // the browser itself refuses a malformed colour (pattern); the server checks again for anything that bypasses it
        String csrf = browser.findElement(By.cssSelector("#settings input[name=_csrf]")).getAttribute("value");
        HttpResponse<String> bad = Http.send(HttpRequest.newBuilder(URI.create(url("/console/settings"))).header("Cookie", cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&accentColour=red&logoUrl=javascript%3Aalert(1)")).build());
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("is not a colour like #1f6feb"), bad.body());
        WebElement colour = browser.findElement(By.id("accentColour"));
        colour.clear();
        colour.sendKeys("#8250df");
        browser.findElement(By.id("displayName")).sendKeys("Acme IT");
        browser.findElement(By.id("mailIntro")).sendKeys("needs Auscult on every laptop by Friday.");
        browser.findElement(By.id("downloadLinux")).sendKeys("https://intranet.acme.example/auscult.deb");
        go(By.cssSelector("#settings button"));
        assertEquals("Settings saved.", browser.findElement(By.id("message")).getText());
        shot("settings");
        HttpResponse<String> brand = Http.send(HttpRequest.newBuilder(URI.create(url("/console/brand.css"))).header("Cookie", cookie()).GET().build());
        assertTrue(brand.body().contains("#8250df"));
        int before = SMTP.getReceivedMessages().length;
        go(By.id("test-mail"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("sample was sent"));
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(SMTP.getReceivedMessages()[before]);
        assertTrue(body.contains("Acme IT needs Auscult on every laptop by Friday.") && body.contains("https://intranet.acme.example/auscult.deb"), body);
    }

    @Test
    @Order(8)
    void signingOutEndsTheSession() throws Exception {
        String old = cookie();
        browser.get(url("/console/audit"));
        assertTrue(browser.findElement(By.tagName("table")).getText().contains("policy.publish"));
        shot("audit");
        go(By.cssSelector(".who button"));
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"));
        HttpResponse<String> after = Http.send(HttpRequest.newBuilder(URI.create(url("/console"))).header("Cookie", old).GET().build());
        assertEquals(302, after.statusCode(), "the old session cookie no longer works");
    }

    @Test
    @Order(9)
    void everyPageAtPhoneWidthLightAndDark() throws Exception {
        signIn(ADMIN, PASSWORD);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        for (String[] page : new String[][] {{"overview", "/console"}, {"devices", "/console/devices"}, {"people", "/console/people"},
                {"activations", "/console/activations"}, {"policy", "/console/policy"}, {"audit", "/console/audit"},
                {"settings", "/console/settings"}, {"administrators", "/console/administrators"}}) {
            browser.get(url(page[1]));
            Object overflow = ((ChromeDriver) browser).executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
            assertEquals(Boolean.FALSE, overflow, page[0] + " scrolls sideways at phone width");
            shot("phone-" + page[0] + "-light");
            dark(true);
            shot("phone-" + page[0] + "-dark");
            dark(false);
        }
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        browser.get(url("/console/devices/" + server.services.devices().list(new Account("acme"), false).getFirst().id()));
        dark(true);
        shot("device-detail-dark");
        dark(false);
    }

    @Test
    @Order(10)
    void aSignInFormOnAnotherSiteCannotSignTheBrowserIn() throws Exception {
        browser.manage().deleteAllCookies();
        // the attacker's page, on another origin, posting the attacker's own credentials to the console
        var evil = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        evil.createContext("/", ex -> {
            byte[] page = ("<!doctype html><form method=post action='" + url("/console/sign-in") + "'>"
                    + "<input name=username value='" + ADMIN + "'><input name=password value='" + PASSWORD + "'>"
                    + "<button id=go>Win a prize</button></form>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        evil.start();
        try {
            browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            go(By.id("go"));
            assertTrue(browser.getPageSource().contains("Sign in from the console"), browser.getPageSource());
            assertEquals(null, browser.manage().getCookieNamed("auscult_session"), "no session was set");
        } finally {
            evil.stop(0);
        }
    }

    private static String cookie() {
        var c = browser.manage().getCookieNamed("auscult_session");
        assertTrue(c.isHttpOnly() && c.isSecure() && "Strict".equals(c.getSameSite()), c.toString());
        return "auscult_session=" + c.getValue();
    }
}
