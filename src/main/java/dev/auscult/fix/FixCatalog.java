package dev.auscult.fix;

import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import java.util.Optional;

/** The fixes one OS offers: a plan for a practice when a safe one exists on this device, else none. */
public sealed interface FixCatalog permits LinuxFixes, MacFixes, WindowsFixes {

    Optional<FixPlan> plan(PracticeId practice, FixInputs inputs);

    static FixCatalog forPlatform(OsPlatform platform) {
        return switch (platform) {
            case LINUX -> new LinuxFixes();
            case DARWIN -> new MacFixes();
            case WIN32 -> new WindowsFixes();
        };
    }
}
