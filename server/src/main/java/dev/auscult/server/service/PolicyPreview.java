package dev.auscult.server.service;

import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyEvaluator;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import dev.auscult.report.ReportSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * What a draft policy would do to the fleet before it is published: each device's latest report carries
 * the states the agent observed, so the agent's own evaluator can judge them again under the draft and
 * the verdicts compared. Application requirements cannot be previewed (reports do not carry the software
 * inventory) and are left out, which the preview says.
 */
public final class PolicyPreview {

    /** The draft's effect: devices whose overall verdict would change, and in which direction. */
    public record Effect(int devices, int changed, int newlyFailing, int noLongerFailing, Map<String, Integer> toVerdict,
                         boolean applicationsLeftOut) {
    }

    private final Jdbi jdbi;

    public PolicyPreview(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Effect of(String accountId, Policy draft) {
        Policy judged = new Policy(draft.name(), draft.requirements(), draft.osVersion(), draft.screenIdle(), draft.agentVersion(),
                draft.stethoscopeVersion(), List.of(), draft.antivirusProviders(), draft.windowsMaxScreenLockTimeout(), draft.warnings());
        int[] counts = new int[4];
        Map<String, Integer> toVerdict = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT d.latest_status, r.body FROM devices d JOIN reports r ON r.report_id = d.latest_report AND r.device_id = d.id "
                        + "WHERE d.account_id = :a AND d.revoked_at IS NULL").bind("a", accountId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .forEach(row -> {
                    ReportSummary report;
                    try {
                        report = ReportSummary.parse(row[1]);
                    } catch (IllegalArgumentException e) {
                        return;
                    }
                    counts[0]++;
                    String before = Optional.ofNullable(row[0]).orElse("NONE");
                    String after = evaluate(judged, report).map(Enum::name).orElse("NONE");
                    if (!before.equals(after)) {
                        counts[1]++;
                        toVerdict.merge(after, 1, Integer::sum);
                        if (after.equals("FAIL")) {
                            counts[2]++;
                        } else if (before.equals("FAIL")) {
                            counts[3]++;
                        }
                    }
                }));
        return new Effect(counts[0], counts[1], counts[2], counts[3], toVerdict, !draft.applications().isEmpty());
    }

    static Optional<Verdict> evaluate(Policy policy, ReportSummary report) {
        ReportSummary.Device d = report.device();
        OsPlatform platform = OsPlatform.fromKey(d.platform()).orElse(OsPlatform.LINUX);
        DeviceFacts facts = new DeviceFacts(platform, d.osName(), d.osVersion(), Optional.empty(), d.osId(), List.of(), Optional.empty(),
                d.deviceName(), d.hardwareModel(), d.hardwareSerial(), Finding.plain("from the device's last report"), List.of());
        List<Observation> observations = new ArrayList<>();
        for (ReportSummary.Practice p : report.practices()) {
            Optional<PracticeId> id = PracticeId.fromKey(p.id()).filter(x -> x != PracticeId.APPLICATIONS);
            if (id.isPresent()) {
                observations.add(new Observation(id.get(), State.valueOf(p.state()), p.value(), Finding.plain(p.reason()), p.evidence(), new TreeMap<>(),
                        p.supported(), p.partial()));
            }
        }
        List<PracticeResult> results = new PolicyEvaluator(report.agentVersion().isEmpty() ? "0.0.0" : report.agentVersion())
                .evaluate(policy, facts, observations, Optional.empty());
        return PolicyEvaluator.overall(results);
    }
}
