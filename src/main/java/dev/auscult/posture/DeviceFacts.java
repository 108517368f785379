package dev.auscult.posture;

import java.util.List;
import java.util.Optional;

/**
 * Inventory facts about the device. Optional fields are empty when the evidence did not contain them.
 *
 * @param osId     a distribution ID (os-release {@code ID}, e.g. {@code ubuntu}) where the platform has one
 * @param osIdLike further IDs the distribution resembles (os-release {@code ID_LIKE})
 */
public record DeviceFacts(
        Platform platform,
        Optional<String> osName,
        Optional<String> osVersion,
        Optional<String> osBuild,
        Optional<String> osId,
        List<String> osIdLike,
        Optional<String> deviceId,
        Optional<String> deviceName,
        Optional<String> hardwareModel,
        Optional<String> hardwareSerial,
        String osVersionReason,
        List<String> evidence) {

    public DeviceFacts {
        osIdLike = List.copyOf(osIdLike);
        evidence = List.copyOf(evidence);
    }
}
