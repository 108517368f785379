package dev.auscult.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium through its chromedriver, headless, each browser with a profile of its own (no shared cookies). */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the test class without Chromium — unless AUSCULT_REQUIRE_BROWSER=1 (CI), where that is a failure. */
    static void required(String what) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "1".equals(System.getenv("AUSCULT_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("AUSCULT_REQUIRE_BROWSER=1 but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed; " + what + " is skipped");
    }

    static ChromeDriver start(String windowSize) throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=" + windowSize,
                        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(), options);
    }
}
