package dev.auscult.ui.status;

import dev.auscult.instructions.Instructions;
import dev.auscult.instructions.PracticeText;
import dev.auscult.instructions.SettingsLinks;
import dev.auscult.instructions.Template;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a report into window rows: only practices the policy judged, grouped FAIL, UNKNOWN, NUDGE,
 * PASS (so what needs doing comes first), with titles and directions from the instructions.
 */
public final class StatusRows {

    /** How a practice is named in a sentence, for rows whose state is unknown. */
    private static final Map<PracticeId, String> NAMES = Map.ofEntries(
            Map.entry(PracticeId.OS_VERSION, "the OS version"),
            Map.entry(PracticeId.FIREWALL, "the firewall"),
            Map.entry(PracticeId.DISK_ENCRYPTION, "disk encryption"),
            Map.entry(PracticeId.AUTOMATIC_UPDATES, "automatic updates"),
            Map.entry(PracticeId.SCREEN_LOCK, "the screen lock"),
            Map.entry(PracticeId.SCREEN_IDLE, "the screen lock delay"),
            Map.entry(PracticeId.REMOTE_LOGIN, "remote login"),
            Map.entry(PracticeId.ANTIVIRUS, "antivirus protection"),
            Map.entry(PracticeId.GATEKEEPER, "Gatekeeper"),
            Map.entry(PracticeId.SYSTEM_INTEGRITY, "System Integrity Protection"),
            Map.entry(PracticeId.OPEN_WIFI_CONNECTIONS, "open Wi-Fi networks"),
            Map.entry(PracticeId.APPLICATIONS, "the required applications"),
            Map.entry(PracticeId.AGENT_VERSION, "the Auscult version"));

    private StatusRows() {
    }

    public static List<PracticeRowModel> rows(ScanReport report, Instructions instructions, String desktop) {
        OsPlatform platform = report.device().platform();
        List<PracticeRowModel> rows = new ArrayList<>();
        for (PracticeResult r : report.practices()) {
            if (r.verdict().isEmpty()) {
                continue;
            }
            Verdict v = r.verdict().get();
            Optional<PracticeText> text = instructions.practice(r.practice().key());
            String title = text.map(t -> Template.renderLine(t.title(), Map.of("passing", v == Verdict.PASS)))
                    .filter(s -> !s.isEmpty()).orElse(r.practice().key());
            String name = NAMES.getOrDefault(r.practice(), r.practice().key());
            if (v == Verdict.UNKNOWN) {
                title = "Could not check " + name;
            } else if (!r.observation().supported()) {
                // "Gatekeeper checks the apps you open" would be false on Linux: say it does not apply.
                title = Character.toUpperCase(name.charAt(0)) + name.substring(1) + " does not apply to " + platform.displayName();
            }
            rows.add(new PracticeRowModel(r.practice(), v, title,
                    text.map(t -> t.description().strip()).orElse(""),
                    r.reason(), r.requirement(), r.observation().details(), r.applications(),
                    text.map(t -> Template.render(t.directions().getOrDefault(platform.key(), ""), Map.of("passing", v == Verdict.PASS)).strip()).orElse(""),
                    r.observation().evidence(),
                    SettingsLinks.forPractice(r.practice(), platform, desktop), r.deadline()));
        }
        rows.sort(Comparator.comparingInt(StatusRows::rank));
        return rows;
    }

    /** Practices the policy asks for that this platform cannot have, named for one summary line. */
    public static List<String> notApplicable(ScanReport report) {
        return report.practices().stream().filter(PracticeResult::notApplicable)
                .map(r -> NAMES.getOrDefault(r.practice(), r.practice().key()))
                .map(n -> Character.toUpperCase(n.charAt(0)) + n.substring(1)).toList();
    }

    /** The row to open when the window shows: the first failure, else the first unknown. */
    public static Optional<PracticeRowModel> firstToExpand(List<PracticeRowModel> rows) {
        return rows.stream().filter(r -> r.verdict() == Verdict.FAIL).findFirst()
                .or(() -> rows.stream().filter(r -> r.verdict() == Verdict.NUDGE && r.deadline().isPresent()).findFirst())
                .or(() -> rows.stream().filter(r -> r.verdict() == Verdict.UNKNOWN).findFirst());
    }

    static int rank(PracticeRowModel r) {
        return switch (r.verdict()) {
            case FAIL -> 0;
            // a failure within its grace period has a date to meet: right after what fails now
            case NUDGE -> r.deadline().isPresent() ? 1 : 3;
            case UNKNOWN -> 2;
            case PASS -> 4;
        };
    }

    /** The heading a row is listed under: its verdict's, or "To fix by a date" for a failure within its grace. */
    static String group(PracticeRowModel r) {
        return group(r, dev.auscult.ui.UiText.ENGLISH);
    }

    static String group(PracticeRowModel r, dev.auscult.ui.UiText text) {
        return r.verdict() == Verdict.NUDGE && r.deadline().isPresent() ? text.get("view.group.due")
                : dev.auscult.ui.VerdictIcons.label(r.verdict(), text);
    }

}
