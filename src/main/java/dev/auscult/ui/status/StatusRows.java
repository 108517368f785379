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
import dev.auscult.ui.UiText;
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

    private StatusRows() {
    }

    /** {@code text} words the titles the instructions do not give (a check that could not be made, one that does not apply). */
    public static List<PracticeRowModel> rows(ScanReport report, Instructions instructions, String desktop, UiText text) {
        OsPlatform platform = report.device().platform();
        List<PracticeRowModel> rows = new ArrayList<>();
        for (PracticeResult r : report.practices()) {
            if (r.verdict().isEmpty()) {
                continue;
            }
            Verdict v = r.verdict().get();
            Optional<PracticeText> own = instructions.practice(r.practice().key());
            String title = own.map(t -> Template.renderLine(t.title(), Map.of("passing", v == Verdict.PASS)))
                    .filter(s -> !s.isEmpty()).orElse(r.practice().key());
            if (v == Verdict.UNKNOWN) {
                title = text.get("practice.unknown." + r.practice().key());
            } else if (!r.observation().supported()) {
                // "Gatekeeper checks the apps you open" would be false on Linux: say it does not apply.
                title = text.get("practice.doesNotApply", name(r.practice(), text), platform.displayName());
            }
            rows.add(new PracticeRowModel(r.practice(), v, title,
                    own.map(t -> t.description().strip()).orElse(""),
                    r.finding(), r.requirement(), r.observation().details(), r.applications(),
                    own.map(t -> Template.render(t.directions().getOrDefault(platform.key(), ""), Map.of("passing", v == Verdict.PASS)).strip()).orElse(""),
                    r.observation().evidence(),
                    SettingsLinks.forPractice(r.practice(), platform, desktop), r.deadline()));
        }
        rows.sort(Comparator.comparingInt(StatusRows::rank));
        return rows;
    }

    /** Practices the policy asks for that this platform cannot have, named for one summary line. */
    public static List<String> notApplicable(ScanReport report, UiText text) {
        return report.practices().stream().filter(PracticeResult::notApplicable).map(r -> name(r.practice(), text)).toList();
    }

    /** The practice's name on its own ("Gatekeeper", "Disk encryption"). */
    static String name(PracticeId practice, UiText text) {
        return text.get("practice.name." + practice.key());
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
