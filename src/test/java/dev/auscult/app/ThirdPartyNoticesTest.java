package dev.auscult.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The notices the About dialog and the packages ship are generated from the build's dependencies. */
class ThirdPartyNoticesTest {

    @Test
    void everyBundledLibraryIsNamedWithItsLicence() throws Exception {
        try (InputStream in = ThirdPartyNoticesTest.class.getResourceAsStream("/dev/auscult/legal/THIRD-PARTY.txt")) {
            assertNotNull(in, "the build generates dev/auscult/legal/THIRD-PARTY.txt");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String library : new String[] {"javafx-controls", "jackson-databind", "graphql-java", "picocli", "FXTrayIcon",
                    "ikonli-javafx", "atlantafx-base", "commonmark", "re2j"}) {
                assertTrue(text.contains(library), library + " is missing from the notices");
            }
            assertTrue(text.contains("GPLv2+CE") && text.contains("Classpath Exception"), "OpenJFX's and the runtime's licence are named");
            assertTrue(!text.contains("junit") && !text.contains("testfx"), "test-only libraries are not shipped, so not listed");
        }
    }
}
