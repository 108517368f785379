package dev.auscult.probe.darwin;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FileVault from {@code fdesetup status}. Only "FileVault is On." with nothing in progress is ON: a
 * volume still encrypting, decrypting or waiting for deferred enablement is not protected yet. A
 * generic "encrypted" flag is never used: T2 and Apple-silicon volumes are always encrypted at rest,
 * without FileVault protecting the key.
 */
final class FileVaultProbe implements PracticeProbe {

    private static final String FDESETUP = "darwin.fdesetup_status";
    private static final PracticeId ID = PracticeId.DISK_ENCRYPTION;
    private static final Pattern PERCENT = Pattern.compile("(?i)percent completed = ([\\d.]+)");

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(FDESETUP);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(FDESETUP);
        if (!(r instanceof Reading.CommandOutput c) || c.exitCode() != 0) {
            Object why = r instanceof Reading.CommandOutput c ? Finding.of(MacPhrase.FDESETUP_FAILED, c.exitCode(), c.stderr().strip()) : r.problem();
            return Observation.unknown(ID, Finding.of(MacPhrase.FILEVAULT_UNREADABLE, why), List.of(FDESETUP));
        }
        String out = c.stdout();
        String lower = out.toLowerCase(java.util.Locale.ROOT);
        Matcher pct = PERCENT.matcher(out);
        String progress = pct.find() ? pct.group(1) : "";
        List<String> ev = List.of(FDESETUP);
        if (lower.contains("decryption in progress")) {
            return Observation.off(ID, progress.isEmpty() ? Finding.of(MacPhrase.FILEVAULT_DECRYPTING) : Finding.of(MacPhrase.FILEVAULT_DECRYPTING_AT, progress), ev)
                    .withDetails(Map.of("fdesetup", out.strip()));
        }
        if (lower.contains("encryption in progress")) {
            Finding detail = !progress.isEmpty() ? Finding.of(MacPhrase.FILEVAULT_ENCRYPTING_AT, progress)
                    : Finding.of(lower.contains("pending") ? MacPhrase.FILEVAULT_ENCRYPTING_PENDING : MacPhrase.FILEVAULT_ENCRYPTING);
            return Observation.off(ID, detail, ev)
                    .withDetails(Map.of("fdesetup", out.strip()));
        }
        if (lower.contains("deferred enablement")) {
            return Observation.off(ID, Finding.of(MacPhrase.FILEVAULT_DEFERRED), ev)
                    .withDetails(Map.of("fdesetup", out.strip()));
        }
        if (lower.contains("filevault is on")) {
            return Observation.on(ID, Finding.of(MacPhrase.FILEVAULT_ON), ev);
        }
        if (lower.contains("filevault is off")) {
            return Observation.off(ID, Finding.of(MacPhrase.FILEVAULT_OFF), ev);
        }
        return Observation.unknown(ID, Finding.of(MacPhrase.FDESETUP_UNRECOGNISED, out.strip()), ev);
    }
}
