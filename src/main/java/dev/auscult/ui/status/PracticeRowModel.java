package dev.auscult.ui.status;

import dev.auscult.instructions.SettingsLink;
import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.Finding;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one row of the status window shows, already in words. */
public record PracticeRowModel(
        PracticeId practice,
        Verdict verdict,
        String title,
        String description,
        Finding finding,
        Optional<String> requirement,
        Map<String, String> details,
        List<ApplicationResult> applications,
        String directions,
        List<String> evidence,
        Optional<SettingsLink> settings,
        Optional<dev.auscult.posture.Deadline> deadline) {

    public PracticeRowModel {
        details = Map.copyOf(details);
        applications = List.copyOf(applications);
        evidence = List.copyOf(evidence);
    }
}
