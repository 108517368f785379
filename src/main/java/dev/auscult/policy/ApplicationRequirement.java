package dev.auscult.policy;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code applications[]} (or of an antivirus {@code providers[]} list).
 *
 * @param platforms      OS-version filter per platform key ({@code darwin}, {@code win32}, {@code linux} or an
 *                       os-release ID)
 * @param platformFilter whether the entry had a {@code platform} key at all. As in Stethoscope, an entry
 *                       without one applies everywhere; with one it applies only where {@code all: true} or a
 *                       key for this device matches, so {@code platform: {}} and {@code {all: false}} apply nowhere
 * @param paths          per-platform install location ({@code paths.darwin}: the folder holding the .app;
 *                       {@code paths.win32}: the registry key listing it); empty means anywhere
 * @param match          how {@code name} is compared with installed names; see {@link NameMatch}
 */
public record ApplicationRequirement(
        String name,
        RequirementOption assertion,
        Optional<VersionRange> version,
        Map<String, VersionRange> platforms,
        boolean allPlatforms,
        boolean platformFilter,
        Map<String, String> paths,
        String description,
        Optional<String> installFrom,
        NameMatch match) {

    /**
     * {@code STETHOSCOPE} (no {@code match} key) does what Stethoscope did: on Linux and Windows the name is a
     * case-insensitive regular expression found anywhere in the installed name, so a plain name matches as a
     * substring ("chrome" finds "Google Chrome"); on macOS it is the application's bundle name. {@code EXACT}
     * and {@code REGEX} apply the same way on every platform.
     */
    public enum NameMatch { STETHOSCOPE, EXACT, REGEX }

    public ApplicationRequirement {
        platforms = Map.copyOf(platforms);
        paths = Map.copyOf(paths);
    }
}
