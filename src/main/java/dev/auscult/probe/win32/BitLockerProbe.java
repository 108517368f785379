package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * BitLocker on the system drive from the Shell property System.Volume.BitLockerProtection (readable
 * without admin): 1, 3 and 5 mean protection is on, 2 off, 0 or nothing not BitLocker-capable. The
 * volume list (admin only) adds each volume's state to the details; a data volume never decides.
 */
final class BitLockerProbe implements PracticeProbe {

    private static final String SHELL = "win32.bitlocker_shell";
    private static final String VOLUMES = "win32.bitlocker_volumes";
    private static final PracticeId ID = PracticeId.DISK_ENCRYPTION;

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SHELL, VOLUMES);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Map<String, String> details = new TreeMap<>();
        WindowsJson volumes = WindowsJson.of(evidence.read(VOLUMES));
        Optional<String> osVolumeStatus = Optional.empty();
        for (JsonNode v : volumes.objects()) {
            String mount = PowerShellJson.text(v, "MountPoint").orElse("?");
            String protection = protection(v.get("ProtectionStatus"));
            String percent = PowerShellJson.number(v, "EncryptionPercentage").map(p -> ", " + p + " % encrypted").orElse("");
            details.put(mount + " (" + volumeType(v.get("VolumeType")) + ")", protection + percent);
            if (volumeType(v.get("VolumeType")).equals("OperatingSystem")) {
                osVolumeStatus = Optional.of(protection);
            }
        }
        Reading r = evidence.read(SHELL);
        List<String> ev = List.of(SHELL, VOLUMES);
        String value = r instanceof Reading.CommandOutput c && c.exitCode() == 0 ? c.stdout().strip() : "";
        switch (value) {
            case "1", "3", "5" -> {
                return Observation.on(ID, Finding.of(WindowsPhrase.BITLOCKER_ON), ev).withDetails(details);
            }
            case "2" -> {
                return Observation.off(ID, Finding.of(WindowsPhrase.BITLOCKER_OFF), ev).withDetails(details);
            }
            case "4", "6" -> {
                return Observation.off(ID, Finding.of(WindowsPhrase.BITLOCKER_SUSPENDED, value), ev)
                        .withDetails(details);
            }
            default -> {
                if (osVolumeStatus.isPresent() && !osVolumeStatus.get().equals("unknown")) {
                    return osVolumeStatus.get().equals("on")
                            ? Observation.on(ID, Finding.of(WindowsPhrase.BITLOCKER_ON_BY_VOLUMES), ev).withDetails(details)
                            : Observation.off(ID, Finding.of(WindowsPhrase.BITLOCKER_OFF_BY_VOLUMES), ev).withDetails(details);
                }
                Object why = !r.isOk() ? r.problem() : value.isEmpty() || value.equals("0")
                        ? Finding.of(WindowsPhrase.BITLOCKER_NO_STATUS) : Finding.of(WindowsPhrase.BITLOCKER_UNRECOGNISED, value);
                return Observation.unknown(ID, Finding.of(WindowsPhrase.ENCRYPTION_UNCONFIRMED, why), ev).withDetails(details);
            }
        }
    }

    private static String protection(JsonNode v) {
        if (v == null || v.isNull()) {
            return "unknown";
        }
        return switch (v.asText().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "on" -> "on";
            case "0", "off" -> "off";
            default -> "unknown";
        };
    }

    private static String volumeType(JsonNode v) {
        if (v == null || v.isNull()) {
            return "unknown";
        }
        return switch (v.asText().strip()) {
            case "0", "OperatingSystem" -> "OperatingSystem";
            case "1", "FixedData" -> "FixedData";
            case "2", "Removable" -> "Removable";
            default -> v.asText();
        };
    }
}
