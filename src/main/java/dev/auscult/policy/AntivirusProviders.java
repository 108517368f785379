package dev.auscult.policy;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.InstalledApp;
import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The fork extension {@code antivirus: {providers: [{name, assertion, platform}]}}: the device passes when
 * one of the providers that apply to it is found, either running (the antivirus probe names it) or
 * installed (the software inventory lists it). Provider names are process or package names such as
 * {@code clamscan}; each is also known by the product it belongs to, so {@code clamscan} is found when
 * ClamAV runs or the {@code clamav} package is installed.
 */
final class AntivirusProviders {

    /** Product → the names its processes, services and packages go by (lower case). */
    private static final List<List<String>> PRODUCTS = List.of(
            List.of("clamav", "clamscan", "clamd", "clamdscan", "freshclam", "clamav-daemon"),
            List.of("microsoft defender", "mdatp", "wdav", "windows defender", "msmpeng", "defender"),
            List.of("crowdstrike", "falcon", "falcond", "falcon-sensor", "csfalconservice", "crowdstrike falcon"),
            List.of("sentinelone", "sentinelagent", "sentinel agent"),
            List.of("sophos", "savd", "sophosscand", "sophos-spl"),
            List.of("xprotect"));

    private final DeviceFacts device;

    AntivirusProviders(DeviceFacts device) {
        this.device = device;
    }

    PracticeResult evaluate(List<ApplicationRequirement> providers, Observation o, Optional<Inventory> inventory) {
        ApplicationsEvaluator filter = new ApplicationsEvaluator(device);
        List<ApplicationRequirement> applying = new ArrayList<>();
        for (ApplicationRequirement p : providers) {
            Optional<Boolean> applies = filter.applies(p);
            if (applies.isEmpty()) {
                return new PracticeResult(o, Optional.of(Verdict.UNKNOWN), Optional.of(describe(providers)),
                        "the OS version is unknown, so it is unclear which of the policy's antivirus providers apply", List.of());
            }
            if (applies.get()) {
                applying.add(p);
            }
        }
        String requirement = describe(applying.isEmpty() ? providers : applying);
        if (applying.isEmpty()) {
            return new PracticeResult(o, Optional.empty(), Optional.of(requirement),
                    o.reason() + "; none of the policy's antivirus providers apply to " + device.platform().displayName(), List.of());
        }
        Inventory inv = inventory.orElse(new Inventory(List.of(), false, "installed software was not listed", List.of()));
        List<String> banned = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (ApplicationRequirement p : applying) {
            Optional<String> where = find(p, o, inv);
            where.ifPresent(w -> (p.assertion() == RequirementOption.NEVER ? banned : found).add(p.name() + " (" + w + ")"));
        }
        if (!banned.isEmpty()) {
            return result(o, Verdict.FAIL, requirement, "not allowed by the policy: " + String.join(", ", banned));
        }
        List<ApplicationRequirement> wanted = applying.stream().filter(p -> p.assertion() != RequirementOption.NEVER).toList();
        if (wanted.isEmpty() || !found.isEmpty()) {
            return result(o, Verdict.PASS, requirement, found.isEmpty() ? "none of the banned antivirus products is present"
                    : "found " + String.join(", ", found));
        }
        if (!inv.complete() && o.state() == State.UNKNOWN) {
            return result(o, Verdict.UNKNOWN, requirement, "none of " + names(wanted) + " was seen, but neither the running services ("
                    + o.reason() + ") nor the installed software (" + inv.reason() + ") could be fully read");
        }
        boolean required = wanted.stream().anyMatch(p -> p.assertion() == RequirementOption.ALWAYS || p.assertion() == RequirementOption.IF_SUPPORTED);
        String other = o.state() == State.ON ? " (" + o.reason() + ", but it is not one of the policy's providers)" : "";
        return result(o, required ? Verdict.FAIL : Verdict.NUDGE, requirement,
                "none of " + names(wanted) + " is running or installed" + other);
    }

    /** Where the provider was found: "running" or the installed package's name. */
    private Optional<String> find(ApplicationRequirement p, Observation o, Inventory inv) {
        List<String> aliases = aliases(p.name());
        if (o.state() == State.ON) {
            String running = (o.reason() + " " + String.join(" ", o.details().keySet())).toLowerCase(Locale.ROOT);
            if (aliases.stream().anyMatch(running::contains)) {
                return Optional.of("running");
            }
        }
        Predicate<String> byName = NamePattern.of(p, device.platform());
        for (InstalledApp app : inv.apps()) {
            String n = app.name().toLowerCase(Locale.ROOT);
            if (byName.test(app.name()) || aliases.contains(n)) {
                return Optional.of("installed: " + app.name() + (app.version().isEmpty() ? "" : " " + app.version()));
            }
        }
        return Optional.empty();
    }

    private static List<String> aliases(String provider) {
        String n = provider.toLowerCase(Locale.ROOT).strip();
        return PRODUCTS.stream().filter(names -> names.contains(n)).findFirst().orElse(List.of(n));
    }

    private static String names(List<ApplicationRequirement> ps) {
        return String.join(", ", ps.stream().map(ApplicationRequirement::name).toList());
    }

    private static String describe(List<ApplicationRequirement> ps) {
        return "providers: " + String.join(", ", ps.stream().map(p -> p.name() + " " + p.assertion().name()).toList());
    }

    private static PracticeResult result(Observation o, Verdict v, String requirement, String reason) {
        return new PracticeResult(o, Optional.of(v), Optional.of(requirement), reason, List.of());
    }
}
