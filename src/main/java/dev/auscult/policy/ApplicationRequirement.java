package dev.auscult.policy;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code applications[]}.
 *
 * @param platforms OS-version filter per platform key ({@code darwin}, {@code win32}, {@code linux} or an
 *                  os-release ID); empty with {@code allPlatforms} false means "every platform"
 * @param match     how {@code name} is compared with installed names: exactly (the default, ignoring case)
 *                  or as a regular expression, only when the policy says {@code match: regex}
 */
public record ApplicationRequirement(
        String name,
        RequirementOption assertion,
        Optional<VersionRange> version,
        Map<String, VersionRange> platforms,
        boolean allPlatforms,
        Map<String, String> paths,
        String description,
        Optional<String> installFrom,
        NameMatch match) {

    public enum NameMatch { EXACT, REGEX }

    public ApplicationRequirement {
        platforms = Map.copyOf(platforms);
        paths = Map.copyOf(paths);
    }
}
