package dev.auscult.policy;

import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.InstalledApp;
import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.semver4j.Semver;

/**
 * Evaluates {@code applications[]}. Each requirement keeps its own assertion after platform filtering
 * (Stethoscope looked them up by the unfiltered index); names are found as Stethoscope found them
 * ({@link NamePattern}), in linear time.
 */
final class ApplicationsEvaluator {

    private final DeviceFacts device;

    ApplicationsEvaluator(DeviceFacts device) {
        this.device = device;
    }

    PracticeResult evaluate(List<ApplicationRequirement> requirements, Optional<Inventory> inventory) {
        Inventory inv = inventory.orElse(new Inventory(List.of(), false, "installed applications were not listed", List.of()));
        Observation o = new Observation(PracticeId.APPLICATIONS, inv.complete() ? State.ON : State.UNKNOWN,
                java.util.OptionalLong.empty(), inv.reason(), inv.evidence(), new java.util.TreeMap<>(), true, false);
        List<ApplicationResult> items = new ArrayList<>();
        for (ApplicationRequirement req : requirements) {
            Optional<Boolean> applies = applies(req);
            if (applies.isEmpty()) {
                items.add(new ApplicationResult(req.name(), req.assertion().name(), req.version().map(VersionRange::text),
                        Optional.empty(), Verdict.UNKNOWN, "the OS version is unknown, so it is unclear whether this requirement applies"));
            } else if (applies.get()) {
                items.add(one(req, inv));
            }
        }
        String requirement = requirements.size() + " application requirement" + (requirements.size() == 1 ? "" : "s");
        if (items.isEmpty()) {
            return new PracticeResult(o, Optional.empty(), Optional.of(requirement),
                    "none of the policy's application requirements apply to this device", List.of());
        }
        Verdict worst = Verdict.worstOf(items.stream().map(ApplicationResult::verdict).toList());
        long failing = items.stream().filter(i -> i.verdict() != Verdict.PASS).count();
        String reason = failing == 0 ? "all " + items.size() + " required application checks pass"
                : failing + " of " + items.size() + " application checks need attention";
        return new PracticeResult(o, Optional.of(worst), Optional.of(requirement), reason, items);
    }

    /**
     * Whether the entry applies to this device; empty when it cannot be told (the OS version is unknown but
     * the entry filters on it). As in Stethoscope, an entry with a {@code platform} key applies only where
     * {@code all} is true or a key for this device is present and its range holds. The {@code linux} key is
     * written in Ubuntu's numbering: on other distributions it says "for Linux" and its range is not compared.
     */
    Optional<Boolean> applies(ApplicationRequirement req) {
        if (!req.platformFilter() || req.allPlatforms()) {
            return Optional.of(true);
        }
        List<String> keys = new ArrayList<>();
        device.osId().ifPresent(keys::add);
        keys.add(device.platform().key());
        Optional<String> key = keys.stream().filter(req.platforms()::containsKey).findFirst();
        if (key.isEmpty()) {
            return Optional.of(false);
        }
        VersionRange filter = req.platforms().get(key.get());
        if (key.get().equals("linux")) {
            UbuntuReleases.Base base = UbuntuReleases.of(device);
            if (base instanceof UbuntuReleases.Base.NotUbuntu) {
                return Optional.of(true);
            }
            if (base instanceof UbuntuReleases.Base.Derivative d) {
                boolean first = filter.satisfiedBy(VersionRange.version(d.release() + ".0").orElseThrow());
                boolean last = filter.satisfiedBy(VersionRange.version(d.release() + ".999").orElseThrow());
                return first == last ? Optional.of(first) : Optional.empty();
            }
        }
        Optional<Semver> os = device.osVersion().flatMap(VersionRange::version);
        return os.map(filter::satisfiedBy);
    }

    private ApplicationResult one(ApplicationRequirement req, Inventory inv) {
        Predicate<String> byName = NamePattern.of(req, device.platform());
        Optional<String> path = Optional.ofNullable(req.paths().get(device.platform().key()));
        List<InstalledApp> found = inv.apps().stream().filter(a -> byName.test(a.name()) && inPath(a, path)).toList();
        Optional<String> required = req.version().map(VersionRange::text);
        if (found.isEmpty()) {
            String where = path.map(p -> " in " + p).orElse("");
            if (!inv.complete()) {
                return result(req, Optional.empty(), Verdict.UNKNOWN, req.name() + " was not found" + where + ", but the list of installed software is incomplete: " + inv.reason());
            }
            return switch (req.assertion()) {
                case ALWAYS -> result(req, Optional.empty(), Verdict.FAIL, req.name() + " is required but not installed" + where);
                case SUGGESTED -> result(req, Optional.empty(), Verdict.NUDGE, req.name() + " is recommended but not installed" + where);
                case IF_SUPPORTED, NEVER -> result(req, Optional.empty(), Verdict.PASS, req.name() + " is not installed" + where);
            };
        }
        // With several matches, judge the one that meets the version requirement if any does.
        InstalledApp app = found.stream().filter(a -> versionOk(req, a).orElse(false)).findFirst().orElse(found.getFirst());
        Optional<String> installed = Optional.of(app.version()).filter(v -> !v.isEmpty());
        Optional<Boolean> versionOk = versionOk(req, app);
        String label = app.name() + installed.map(v -> " " + v).orElse("");
        if (req.assertion() == RequirementOption.NEVER) {
            if (req.version().isPresent() && versionOk.isEmpty()) {
                return result(req, installed, Verdict.UNKNOWN, label + " is installed and its version could not be compared with " + required.get());
            }
            boolean banned = req.version().isEmpty() || versionOk.get();
            return result(req, installed, banned ? Verdict.FAIL : Verdict.PASS,
                    banned ? label + " is installed but not allowed" + required.map(r -> " (banned: " + r + ")").orElse("")
                            : label + " is installed, outside the banned versions " + required.get()
                            + " (Auscult bans only the versions the policy names; Stethoscope banned every version)");
        }
        if (versionOk.isEmpty()) {
            return result(req, installed, Verdict.UNKNOWN, label + " is installed but its version could not be compared with " + required.orElse(""));
        }
        if (versionOk.get()) {
            return result(req, installed, Verdict.PASS, label + " is installed" + required.map(r -> " (meets " + r + ")").orElse(""));
        }
        Verdict outdated = req.assertion() == RequirementOption.SUGGESTED ? Verdict.NUDGE : Verdict.FAIL;
        return result(req, installed, outdated, label + " is installed, but " + required.get() + " is required");
    }

    /** Empty when a version is required but the installed one cannot be read as a version. */
    private static Optional<Boolean> versionOk(ApplicationRequirement req, InstalledApp app) {
        if (req.version().isEmpty()) {
            return Optional.of(true);
        }
        return VersionRange.version(app.version()).map(v -> req.version().get().satisfiedBy(v));
    }

    /**
     * {@code paths}: on macOS the folder holding the .app ({@code ~} is any user's home); on Windows the
     * registry key listing the program. An app whose location the inventory did not record is kept.
     */
    private static boolean inPath(InstalledApp app, Optional<String> path) {
        if (path.isEmpty() || !app.source().contains("/") && !app.source().contains("\\")) {
            return true;
        }
        String want = path.get().replace("HKEY_LOCAL_MACHINE", "HKLM").replace("HKEY_CURRENT_USER", "HKCU")
                .replaceAll("[/\\\\]+$", "").toLowerCase(java.util.Locale.ROOT);
        String at = app.source().toLowerCase(java.util.Locale.ROOT);
        if (want.startsWith("~/")) {
            return at.matches("/users/[^/]+/" + java.util.regex.Pattern.quote(want.substring(2)) + "/.*");
        }
        return at.startsWith(want + "/") || at.startsWith(want + "\\") || at.equals(want);
    }

    private static ApplicationResult result(ApplicationRequirement req, Optional<String> installed, Verdict v, String reason) {
        return new ApplicationResult(req.name(), req.assertion().name(), req.version().map(VersionRange::text), installed, v, reason);
    }
}
