package dev.auscult.policy;

import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Finding;
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
        Inventory inv = inventory.orElse(new Inventory(List.of(), false, Finding.of(PolicyPhrase.APPS_NOT_LISTED), List.of()));
        Observation o = new Observation(PracticeId.APPLICATIONS, inv.complete() ? State.ON : State.UNKNOWN,
                java.util.OptionalLong.empty(), inv.finding(), inv.evidence(), new java.util.TreeMap<>(), true, false);
        List<ApplicationResult> items = new ArrayList<>();
        for (ApplicationRequirement req : requirements) {
            Optional<Boolean> applies = applies(req);
            if (applies.isEmpty()) {
                items.add(new ApplicationResult(req.name(), req.assertion().name(), req.version().map(VersionRange::text),
                        Optional.empty(), Verdict.UNKNOWN, Finding.of(PolicyPhrase.APP_OS_UNKNOWN)));
            } else if (applies.get()) {
                items.add(one(req, inv));
            }
        }
        String requirement = requirements.size() + " application requirement" + (requirements.size() == 1 ? "" : "s");
        if (items.isEmpty()) {
            return new PracticeResult(o, Optional.empty(), Optional.of(requirement),
                    Finding.of(PolicyPhrase.APPS_NONE_APPLY), List.of());
        }
        Verdict worst = Verdict.worstOf(items.stream().map(ApplicationResult::verdict).toList());
        long failing = items.stream().filter(i -> i.verdict() != Verdict.PASS).count();
        Finding reason = failing == 0 ? Finding.of(PolicyPhrase.APPS_ALL_PASS, items.size())
                : Finding.of(PolicyPhrase.APPS_NEED_ATTENTION, failing, items.size());
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
            if (!inv.complete()) {
                return result(req, Optional.empty(), Verdict.UNKNOWN, path.isEmpty()
                        ? Finding.of(PolicyPhrase.APP_NOT_FOUND_INCOMPLETE, req.name(), inv.finding())
                        : Finding.of(PolicyPhrase.APP_NOT_FOUND_IN_INCOMPLETE, req.name(), path.get(), inv.finding()));
            }
            return switch (req.assertion()) {
                case ALWAYS -> result(req, Optional.empty(), Verdict.FAIL,
                        missing(req, path, PolicyPhrase.APP_REQUIRED_MISSING, PolicyPhrase.APP_REQUIRED_MISSING_IN));
                case SUGGESTED -> result(req, Optional.empty(), Verdict.NUDGE,
                        missing(req, path, PolicyPhrase.APP_RECOMMENDED_MISSING, PolicyPhrase.APP_RECOMMENDED_MISSING_IN));
                case IF_SUPPORTED, NEVER -> result(req, Optional.empty(), Verdict.PASS,
                        missing(req, path, PolicyPhrase.APP_ABSENT, PolicyPhrase.APP_ABSENT_IN));
            };
        }
        // With several matches, judge the one that meets the version requirement if any does.
        InstalledApp app = found.stream().filter(a -> versionOk(req, a).orElse(false)).findFirst().orElse(found.getFirst());
        Optional<String> installed = Optional.of(app.version()).filter(v -> !v.isEmpty());
        Optional<Boolean> versionOk = versionOk(req, app);
        String label = app.name() + installed.map(v -> " " + v).orElse("");
        if (req.assertion() == RequirementOption.NEVER) {
            if (req.version().isPresent() && versionOk.isEmpty()) {
                return result(req, installed, Verdict.UNKNOWN, Finding.of(PolicyPhrase.APP_BANNED_VERSION_UNCOMPARABLE, label, required.get()));
            }
            boolean banned = req.version().isEmpty() || versionOk.get();
            return result(req, installed, banned ? Verdict.FAIL : Verdict.PASS,
                    !banned ? Finding.of(PolicyPhrase.APP_OUTSIDE_BANNED_VERSIONS, label, required.get())
                            : required.map(r -> Finding.of(PolicyPhrase.APP_BANNED_VERSIONS, label, r))
                            .orElseGet(() -> Finding.of(PolicyPhrase.APP_BANNED, label)));
        }
        if (versionOk.isEmpty()) {
            return result(req, installed, Verdict.UNKNOWN, Finding.of(PolicyPhrase.APP_VERSION_UNCOMPARABLE, label, required.orElse("")));
        }
        if (versionOk.get()) {
            return result(req, installed, Verdict.PASS, required.map(r -> Finding.of(PolicyPhrase.APP_INSTALLED_MEETS, label, r)).orElseGet(() -> Finding.of(PolicyPhrase.APP_INSTALLED, label)));
        }
        Verdict outdated = req.assertion() == RequirementOption.SUGGESTED ? Verdict.NUDGE : Verdict.FAIL;
        return result(req, installed, outdated, Finding.of(PolicyPhrase.APP_OUTDATED, label, required.get()));
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

    private static Finding missing(ApplicationRequirement req, Optional<String> path, PolicyPhrase anywhere, PolicyPhrase inPath) {
        return path.map(p -> Finding.of(inPath, req.name(), p)).orElseGet(() -> Finding.of(anywhere, req.name()));
    }

    private static ApplicationResult result(ApplicationRequirement req, Optional<String> installed, Verdict v, Finding reason) {
        return new ApplicationResult(req.name(), req.assertion().name(), req.version().map(VersionRange::text), installed, v, reason);
    }
}
