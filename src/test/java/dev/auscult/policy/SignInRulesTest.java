package dev.auscult.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.PracticeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The policy's sign-in rules ({@code auscult.signIn}): a mode per practice and a default, how long a device may go
 * unseen; absent, blocking what fails after 24 h unseen; a wrong mode or number refused with its place, an unknown
 * practice warned about.
 */
class SignInRulesTest {

    private final PolicyLoader loader = new PolicyLoader();

    @Test
    void modesPerPracticeWithADefault() throws Exception {
        Policy p = loader.parse("p.yaml", """
                firewall: ALWAYS
                auscult:
                  graceDays: {default: 7}
                  signIn:
                    default: warn
                    notSeenHours: 48
                    firewall: block
                    applications: report
                    snoozesPerWeek: 2
                """, "p");
        assertEquals(SignInRules.Mode.BLOCK, p.signIn().forPractice(PracticeId.FIREWALL));
        assertEquals(SignInRules.Mode.REPORT, p.signIn().forPractice(PracticeId.APPLICATIONS));
        assertEquals(SignInRules.Mode.WARN, p.signIn().forPractice(PracticeId.DISK_ENCRYPTION));
        assertEquals(Duration.ofHours(48), p.signIn().notSeenAfter());
        assertEquals(2, p.signIn().snoozesPerWeek());
        assertTrue(p.warnings().isEmpty(), p.warnings().toString());
    }

    @Test
    void withoutRulesWhatFailsBlocks() throws Exception {
        Policy p = loader.parse("p.yaml", "firewall: ALWAYS\n", "p");
        assertEquals(SignInRules.DEFAULT, p.signIn());
        assertEquals(SignInRules.Mode.BLOCK, p.signIn().forPractice(PracticeId.FIREWALL));
        assertEquals(Duration.ofHours(24), p.signIn().notSeenAfter());
    }

    @Test
    void mistakesAreRefusedWithTheirPlace() {
        PolicyException e = assertThrows(PolicyException.class, () -> loader.parse("p.yaml", """
                auscult:
                  signIn:
                    firewall: deny
                    notSeenHours: 0
                    snoozesPerWeek: 9
                """, "p"));
        assertTrue(e.problems().stream().anyMatch(m -> m.contains("auscult.signIn.firewall") && m.contains("not report, warn or block")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(m -> m.contains("auscult.signIn.notSeenHours")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(m -> m.contains("auscult.signIn.snoozesPerWeek")), e.problems().toString());
    }

    @Test
    void anUnknownPracticeIsWarnedAbout() throws Exception {
        Policy p = loader.parse("p.yaml", "auscult:\n  signIn:\n    firewal: warn\n", "p");
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("auscult.signIn.firewal") && w.contains("firewall")), p.warnings().toString());
    }
}
