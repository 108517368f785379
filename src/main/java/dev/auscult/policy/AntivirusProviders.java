package dev.auscult.policy;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Finding;
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
                        Finding.of(PolicyPhrase.AV_OS_UNKNOWN), List.of());
            }
            if (applies.get()) {
                applying.add(p);
            }
        }
        String requirement = describe(applying.isEmpty() ? providers : applying);
        if (applying.isEmpty()) {
            return new PracticeResult(o, Optional.empty(), Optional.of(requirement),
                    Finding.of(PolicyPhrase.AV_NO_PROVIDER_APPLIES, o.finding(), device.platform().displayName()), List.of());
        }
        Inventory inv = inventory.orElse(new Inventory(List.of(), false, Finding.of(PolicyPhrase.AV_SOFTWARE_NOT_LISTED), List.of()));
        List<Finding> banned = new ArrayList<>();
        List<Finding> found = new ArrayList<>();
        for (ApplicationRequirement p : applying) {
            Optional<Finding> where = find(p, o, inv);
            where.ifPresent(w -> (p.assertion() == RequirementOption.NEVER ? banned : found).add(Finding.of(PolicyPhrase.AV_FOUND_WHERE, p.name(), w)));
        }
        if (!banned.isEmpty()) {
            return result(o, Verdict.FAIL, requirement, Finding.of(PolicyPhrase.AV_BANNED_PRESENT, Finding.chain(CommonPhrase.ITEMS_COMMA, banned)));
        }
        List<ApplicationRequirement> wanted = applying.stream().filter(p -> p.assertion() != RequirementOption.NEVER).toList();
        if (wanted.isEmpty() || !found.isEmpty()) {
            return result(o, Verdict.PASS, requirement, found.isEmpty() ? Finding.of(PolicyPhrase.AV_NONE_BANNED_PRESENT)
                    : Finding.of(PolicyPhrase.AV_FOUND, Finding.chain(CommonPhrase.ITEMS_COMMA, found)));
        }
        if (!inv.complete() && o.state() == State.UNKNOWN) {
            return result(o, Verdict.UNKNOWN, requirement, Finding.of(PolicyPhrase.AV_NOT_SEEN_UNREADABLE, names(wanted), o.finding(), inv.finding()));
        }
        boolean required = wanted.stream().anyMatch(p -> p.assertion() == RequirementOption.ALWAYS || p.assertion() == RequirementOption.IF_SUPPORTED);
        return result(o, required ? Verdict.FAIL : Verdict.NUDGE, requirement, o.state() == State.ON
                ? Finding.of(PolicyPhrase.AV_NONE_PRESENT_OTHER_RUNNING, names(wanted), o.finding())
                : Finding.of(PolicyPhrase.AV_NONE_PRESENT, names(wanted)));
    }

    /** Where the provider was found: "running" or the installed package's name. */
    private Optional<Finding> find(ApplicationRequirement p, Observation o, Inventory inv) {
        List<String> aliases = aliases(p.name());
        if (o.state() == State.ON) {
            String running = (o.reason() + " " + String.join(" ", o.details().keySet())).toLowerCase(Locale.ROOT);
            if (aliases.stream().anyMatch(running::contains)) {
                return Optional.of(Finding.of(PolicyPhrase.AV_RUNNING));
            }
        }
        Predicate<String> byName = NamePattern.of(p, device.platform());
        for (InstalledApp app : inv.apps()) {
            String n = app.name().toLowerCase(Locale.ROOT);
            if (byName.test(app.name()) || aliases.contains(n)) {
                return Optional.of(Finding.of(PolicyPhrase.AV_INSTALLED, app.name() + (app.version().isEmpty() ? "" : " " + app.version())));
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

    private static PracticeResult result(Observation o, Verdict v, String requirement, Finding reason) {
        return new PracticeResult(o, Optional.of(v), Optional.of(requirement), reason, List.of());
    }
}
