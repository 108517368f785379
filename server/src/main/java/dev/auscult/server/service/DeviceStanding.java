package dev.auscult.server.service;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.StoredReport;
import dev.auscult.server.store.Device;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.SignInRules;
import dev.auscult.posture.PracticeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a device may sign in now: its latest report's verdicts under the sign-in rules of the policy in force for
 * its owner ({@code auscult.signIn}), and whether it has been seen recently enough to say. Never a pass on missing
 * evidence: no report, a stale one, or an UNKNOWN under {@code block} is not compliant, with the reason.
 */
public final class DeviceStanding {

    /** ALLOWED, WARNED or DENIED by the device's standing; SNOOZED: a denial the person went past with one of the policy's snoozes. */
    public enum Decision { ALLOWED, WARNED, DENIED, SNOOZED }

    /**
     * One practice that is not a pass, and what it does at sign-in. {@code practice} is the report's practice key,
     * or one of the device-wide words: {@code notSeen}, {@code noReport}.
     */
    public record Finding(String practice, String verdict, SignInRules.Mode mode, String reason, Optional<String> dueBy) {
    }

    /** A practice's failure an administrator's exception excuses: reported, not blocking, and the exception named. */
    private static Finding excused(Finding f, dev.auscult.server.store.SignInGrant e) {
        return new Finding(f.practice(), f.verdict(), SignInRules.Mode.REPORT, f.reason() + " (excused by exception #" + e.id() + ": " + e.describe() + ")",
                f.dueBy());
    }

    public record Standing(Decision decision, List<Finding> findings, Optional<Instant> reportedAt) {

        /** The practices that decide: blocking ones when denied, warning ones when warned. */
        public List<String> deciding() {
            SignInRules.Mode which = decision == Decision.DENIED ? SignInRules.Mode.BLOCK : SignInRules.Mode.WARN;
            return findings.stream().filter(f -> f.mode() == which).map(Finding::practice).toList();
        }

        public boolean compliant() {
            return decision != Decision.DENIED;
        }
    }

    public static final String NOT_SEEN = "notSeen";
    public static final String NO_REPORT = "noReport";
    /** The device's key is not held in its TPM (software, or token only) while the policy asks for one that is. */
    public static final String HARDWARE_KEY = "hardwareKey";

    private final Reports reports;
    private final Policies policies;
    private final SignInExceptions exceptions;
    private final Clock clock;
    /** Parsed sign-in rules per published version ("account:version"): a published version never changes. */
    private final java.util.Map<String, SignInRules> rulesByVersion = new java.util.concurrent.ConcurrentHashMap<>();

    public DeviceStanding(Reports reports, Policies policies, SignInExceptions exceptions, Clock clock) {
        this.reports = reports;
        this.policies = policies;
        this.exceptions = exceptions;
        this.clock = clock;
    }

    public Standing of(Device device) {
        SignInRules rules = rulesFor(device.account(), device.ownerEmail());
        Optional<StoredReport> latest = reports.latest(device.account(), device.id());
        if (latest.isEmpty()) {
            return new Standing(Decision.DENIED, List.of(new Finding(NO_REPORT, "UNKNOWN", SignInRules.Mode.BLOCK,
                    "this device has not sent a report yet", Optional.empty())), Optional.empty());
        }
        StoredReport report = latest.get();
        List<Finding> findings = new ArrayList<>();
        Instant now = clock.instant();
        if (Duration.between(report.receivedAt(), now).compareTo(rules.notSeenAfter()) > 0) {
            findings.add(new Finding(NOT_SEEN, "UNKNOWN", SignInRules.Mode.BLOCK, "not seen since " + report.receivedAt()
                    + " (more than " + rules.notSeenAfter().toHours() + " h ago)", Optional.empty()));
        }
        if (rules.hardwareKey() != SignInRules.Mode.REPORT && !device.hardwareBound()) {
            findings.add(new Finding(HARDWARE_KEY, "FAIL", rules.hardwareKey(), device.keyThumbprint().isPresent()
                    ? "the device key is held in software, not in the device's TPM" : "the device has no device key (token only)", Optional.empty()));
        }
        findings.addAll(practices(report.body(), rules));
        List<dev.auscult.server.store.SignInGrant> granted = exceptions.inForce(device.account(), device.ownerEmail());
        findings.replaceAll(f -> f.mode() == SignInRules.Mode.REPORT ? f : granted.stream()
                .filter(e -> e.covers(device.ownerEmail(), f.practice(), now)).findFirst().map(e -> excused(f, e)).orElse(f));
        Decision decision = findings.stream().anyMatch(f -> f.mode() == SignInRules.Mode.BLOCK) ? Decision.DENIED
                : findings.stream().anyMatch(f -> f.mode() == SignInRules.Mode.WARN) ? Decision.WARNED : Decision.ALLOWED;
        return new Standing(decision, List.copyOf(findings), Optional.of(report.receivedAt()));
    }

    /** The sign-in rules of the policy in force for the owner; the defaults (block what fails) when none is published. */
    public SignInRules rulesFor(Account account, String ownerEmail) {
        return policies.forOwner(account, ownerEmail).map(p -> rulesByVersion.computeIfAbsent(account.id() + ":" + p.version(), v -> {
            try {
                Policy policy = policies.validate("published policy " + p.version(), p.document());
                return policy.signIn();
            } catch (PolicyException e) {
                return SignInRules.DEFAULT;   // a published policy was validated when published; never fail open on it
            }
        })).orElse(SignInRules.DEFAULT);
    }

    private List<Finding> practices(String body, SignInRules rules) {
        dev.auscult.report.ReportSummary report;
        try {
            report = dev.auscult.report.ReportSummary.parse(body);
        } catch (IllegalArgumentException e) {
            return List.of(new Finding(NO_REPORT, "UNKNOWN", SignInRules.Mode.BLOCK, "the latest report cannot be read", Optional.empty()));
        }
        List<Finding> out = new ArrayList<>();
        for (dev.auscult.report.ReportSummary.Practice p : report.practices()) {
            String verdict = p.verdict().orElse("PASS");
            if (verdict.equals("PASS")) {
                continue;   // a pass, or a practice the policy does not mention (inventory only)
            }
            SignInRules.Mode mode = PracticeId.fromKey(p.id()).map(rules::forPractice).orElse(rules.otherwise());
            // a NUDGE is a recommendation, or a failure still within its grace period: it warns at most
            if (verdict.equals("NUDGE") && mode == SignInRules.Mode.BLOCK) {
                mode = SignInRules.Mode.WARN;
            }
            out.add(new Finding(p.id(), verdict, mode, p.reason(), p.dueBy()));
        }
        return out;
    }
}
