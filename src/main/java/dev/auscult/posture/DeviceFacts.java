package dev.auscult.posture;

import java.util.List;
import java.util.Optional;

/**
 * Inventory facts about the device. Optional fields are empty when the evidence did not contain them.
 *
 * @param osId     a distribution ID (os-release {@code ID}, e.g. {@code ubuntu}) where the platform has one
 * @param osIdLike further IDs the distribution resembles (os-release {@code ID_LIKE})
 * @param ubuntuCodename the Ubuntu release a Linux distribution is built on (os-release {@code UBUNTU_CODENAME},
 *                 e.g. {@code jammy} on Linux Mint 21), so Ubuntu-numbered policy brackets can judge derivatives
 */
public record DeviceFacts(
        OsPlatform platform,
        Optional<String> osName,
        Optional<String> osVersion,
        Optional<String> osBuild,
        Optional<String> osId,
        List<String> osIdLike,
        Optional<String> deviceId,
        Optional<String> deviceName,
        Optional<String> hardwareModel,
        Optional<String> hardwareSerial,
        Finding osVersionFinding,
        List<String> evidence,
        Optional<String> ubuntuCodename) {

    public DeviceFacts {
        osIdLike = List.copyOf(osIdLike);
        evidence = List.copyOf(evidence);
    }

    /** Facts of a device that is not built on Ubuntu. */
    public DeviceFacts(OsPlatform platform, Optional<String> osName, Optional<String> osVersion, Optional<String> osBuild,
                       Optional<String> osId, List<String> osIdLike, Optional<String> deviceId, Optional<String> deviceName,
                       Optional<String> hardwareModel, Optional<String> hardwareSerial, Finding osVersionFinding,
                       List<String> evidence) {
        this(platform, osName, osVersion, osBuild, osId, osIdLike, deviceId, deviceName, hardwareModel, hardwareSerial,
                osVersionFinding, evidence, Optional.empty());
    }

    /** How the OS version was found, in the report's words. */
    public String osVersionReason() {
        return osVersionFinding.english();
    }
}
