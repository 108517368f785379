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
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Evaluates {@code applications[]}. Each requirement keeps its own assertion after platform filtering
 * (Stethoscope looked them up by the unfiltered index), and names are compared literally unless the
 * policy asks for {@code match: regex}.
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

    /** Empty when it cannot be told (the OS version is unknown but the requirement filters on it). */
    private Optional<Boolean> applies(ApplicationRequirement req) {
        if (req.allPlatforms() || req.platforms().isEmpty()) {
            return Optional.of(true);
        }
        List<String> keys = new ArrayList<>();
        device.osId().ifPresent(keys::add);
        keys.add(device.platform().key());
        Optional<VersionRange> filter = keys.stream().filter(req.platforms()::containsKey).findFirst().map(req.platforms()::get);
        if (filter.isEmpty()) {
            return Optional.of(false);
        }
        Optional<Semver> os = device.osVersion().flatMap(VersionRange::version);
        return os.map(v -> filter.get().satisfiedBy(v));
    }

    private ApplicationResult one(ApplicationRequirement req, Inventory inv) {
        List<InstalledApp> found = inv.apps().stream().filter(a -> matches(req, a.name())).toList();
        Optional<String> required = req.version().map(VersionRange::text);
        if (found.isEmpty()) {
            if (!inv.complete()) {
                return result(req, Optional.empty(), Verdict.UNKNOWN, req.name() + " was not found, but the list of installed software is incomplete: " + inv.reason());
            }
            return switch (req.assertion()) {
                case ALWAYS -> result(req, Optional.empty(), Verdict.FAIL, req.name() + " is required but not installed");
                case SUGGESTED -> result(req, Optional.empty(), Verdict.NUDGE, req.name() + " is recommended but not installed");
                case IF_SUPPORTED, NEVER -> result(req, Optional.empty(), Verdict.PASS, req.name() + " is not installed");
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
                    banned ? label + " is installed but not allowed" : label + " is installed, outside the banned versions " + required.get());
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

    private static boolean matches(ApplicationRequirement req, String installedName) {
        return switch (req.match()) {
            case EXACT -> installedName.equalsIgnoreCase(req.name());
            case REGEX -> Pattern.compile(req.name(), Pattern.CASE_INSENSITIVE).matcher(installedName).find();
        };
    }

    private static ApplicationResult result(ApplicationRequirement req, Optional<String> installed, Verdict v, String reason) {
        return new ApplicationResult(req.name(), req.assertion().name(), req.version().map(VersionRange::text), installed, v, reason);
    }
}
