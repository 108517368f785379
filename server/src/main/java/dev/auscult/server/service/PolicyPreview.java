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
import dev.auscult.server.store.Account;
import dev.auscult.server.store.Tx;

/**
 * What a draft policy would do to the fleet before it is published: each device's latest report carries
 * the states the agent observed, so the agent's own evaluator can judge them again under the draft and
 * the verdicts compared. Application requirements cannot be previewed (reports do not carry the software
 * inventory) and are left out, which the preview says.
 */
public final class PolicyPreview {

    /**
     * The draft's effect: devices whose overall verdict would change, and in which direction; and per practice,
     * which devices would start or stop failing it — a stricter screenIdle may leave every overall verdict as it is
     * (those devices already fail something else) and still fail the practice on half the fleet.
     */
    public record Effect(int devices, int changed, int newlyFailing, int noLongerFailing, Map<String, Integer> toVerdict,
                         boolean applicationsLeftOut, List<PracticeChange> practices, SignInEffect signIn) {
    }

    /**
     * What the draft's sign-in rules would do on a day: devices blocked, warned and admitted, the practices that block
     * (how many devices each), the devices blocked (at most {@link #NAMED}), and those blocked only for not being seen.
     * A failure still within its grace period on that day warns; from its due date on it blocks.
     */
    public record SignInEffect(java.time.LocalDate on, int blocked, int warned, int allowed, int notSeen, Map<String, Integer> blockingPractices,
                               List<String> blockedDevices) {
    }

    /** One practice's change under the draft: the devices (by name, at most {@link #NAMED} each) that start or stop failing it. */
    public record PracticeChange(String practice, int startFailing, int stopFailing, int otherChanges, int noLongerJudged, int newlyJudged,
                                 List<String> startFailingDevices, List<String> stopFailingDevices) {

        /** The changes that are neither failing nor passing anew, in words ("3 PASS ↔ NUDGE, 120 no longer judged"). */
        public String others() {
            List<String> parts = new ArrayList<>();
            if (otherChanges > 0) {
                parts.add(otherChanges + " between PASS, NUDGE and UNKNOWN");
            }
            if (newlyJudged > 0) {
                parts.add(newlyJudged + " newly judged");
            }
            if (noLongerJudged > 0) {
                parts.add(noLongerJudged + " no longer judged");
            }
            return parts.isEmpty() ? "0" : String.join(", ", parts);
        }
    }

    static final int NAMED = 10;

    private final Tx tx;
    private final java.time.Clock clock;

    public PolicyPreview(Tx tx, java.time.Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public Effect of(Account account, Policy draft) {
        return of(account, draft, java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    /** The draft's effect, with its sign-in rules applied as they would stand on {@code on} (today, or a day ahead). */
    public Effect of(Account account, Policy draft, java.time.LocalDate on) {
        Policy judged = new Policy(draft.name(), draft.requirements(), draft.osVersion(), draft.screenIdle(), draft.agentVersion(),
                draft.stethoscopeVersion(), List.of(), draft.antivirusProviders(), draft.windowsMaxScreenLockTimeout(), draft.warnings());
        int[] counts = new int[4];
        Map<String, Integer> toVerdict = new TreeMap<>();
        Map<String, int[]> perPractice = new TreeMap<>();
        Map<String, List<String>> starting = new TreeMap<>();
        Map<String, List<String>> stopping = new TreeMap<>();
        int[] signIn = new int[4];
        Map<String, Integer> blocking = new TreeMap<>();
        List<String> blockedDevices = new ArrayList<>();
        java.time.Instant endOfDay = on.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        tx.read(s -> s.reports().latestOfActiveDevices(account)).stream()
                .map(dr -> new String[] {dr.device().latestStatus().orElse(null), dr.report().body(),
                        dr.device().hostname().orElse(dr.device().id()) + " (" + dr.device().ownerEmail() + ")", dr.report().receivedAt().toString()})
                .forEach(row -> {
                    ReportSummary report;
                    try {
                        report = ReportSummary.parse(row[1]);
                    } catch (IllegalArgumentException e) {
                        return;
                    }
                    counts[0]++;
                    List<PracticeResult> results = results(judged, report);
                    for (PracticeResult r : results) {
                        String id = r.observation().practice().key();
                        String was = report.practices().stream().filter(x -> x.id().equals(id)).findFirst().flatMap(ReportSummary.Practice::verdict)
                                .orElse("NONE");
                        String will = r.verdict().map(Enum::name).orElse("NONE");
                        if (was.equals(will)) {
                            continue;
                        }
                        int[] c = perPractice.computeIfAbsent(id, k -> new int[5]);
                        if (will.equals("FAIL")) {
                            c[0]++;
                            named(starting, id, row[2]);
                        } else if (was.equals("FAIL")) {
                            c[1]++;
                            named(stopping, id, row[2]);
                        } else if (will.equals("NONE")) {
                            c[3]++;
                        } else if (was.equals("NONE")) {
                            c[4]++;
                        } else {
                            c[2]++;
                        }
                    }
                    // at sign-in on that day: the draft's verdicts under its signIn rules; grace from the report's own due dates
                    boolean stale = java.time.Duration.between(java.time.Instant.parse(row[3]), endOfDay).compareTo(draft.signIn().notSeenAfter()) > 0;
                    boolean blocks = stale;
                    boolean warns = false;
                    for (PracticeResult r : results) {
                        Optional<Verdict> v = r.verdict();
                        if (v.isEmpty() || v.get() == Verdict.PASS) {
                            continue;
                        }
                        String id = r.observation().practice().key();
                        dev.auscult.policy.SignInRules.Mode mode = draft.signIn().forPractice(r.observation().practice());
                        Optional<String> due = report.practices().stream().filter(x -> x.id().equals(id)).findFirst().flatMap(ReportSummary.Practice::dueBy);
                        boolean inGrace = v.get() == Verdict.NUDGE || due.filter(d -> d.length() >= 10 && !on.isAfter(java.time.LocalDate.parse(d.substring(0, 10))))
                                .isPresent() && v.get() == Verdict.FAIL && !draft.grace().isEmpty();
                        if (mode == dev.auscult.policy.SignInRules.Mode.BLOCK && !inGrace) {
                            blocks = true;
                            blocking.merge(id, 1, Integer::sum);
                        } else if (mode != dev.auscult.policy.SignInRules.Mode.REPORT) {
                            warns = true;
                        }
                    }
                    if (blocks) {
                        signIn[0]++;
                        signIn[3] += stale ? 1 : 0;
                        if (blockedDevices.size() < NAMED) {
                            blockedDevices.add(row[2]);
                        }
                    } else if (warns) {
                        signIn[1]++;
                    } else {
                        signIn[2]++;
                    }
                    String before = Optional.ofNullable(row[0]).orElse("NONE");
                    String after = PolicyEvaluator.overall(results).map(Enum::name).orElse("NONE");
                    if (!before.equals(after)) {
                        counts[1]++;
                        toVerdict.merge(after, 1, Integer::sum);
                        if (after.equals("FAIL")) {
                            counts[2]++;
                        } else if (before.equals("FAIL")) {
                            counts[3]++;
                        }
                    }
                });
        List<PracticeChange> practices = perPractice.entrySet().stream().map(e -> new PracticeChange(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3], e.getValue()[4], starting.getOrDefault(e.getKey(), List.of()), stopping.getOrDefault(e.getKey(), List.of())))
                .toList();
        return new Effect(counts[0], counts[1], counts[2], counts[3], toVerdict, !draft.applications().isEmpty(), practices,
                new SignInEffect(on, signIn[0], signIn[1], signIn[2], signIn[3], blocking, blockedDevices));
    }

    private static void named(Map<String, List<String>> names, String practice, String device) {
        List<String> list = names.computeIfAbsent(practice, k -> new ArrayList<>());
        if (list.size() < NAMED) {
            list.add(device);
        }
    }

    static Optional<Verdict> evaluate(Policy policy, ReportSummary report) {
        return PolicyEvaluator.overall(results(policy, report));
    }

    private static List<PracticeResult> results(Policy policy, ReportSummary report) {
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
        return new PolicyEvaluator(report.agentVersion().isEmpty() ? "0.0.0" : report.agentVersion())
                .evaluate(policy, facts, observations, Optional.empty());
    }
}
