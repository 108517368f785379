package dev.auscult.server.console;

import dev.auscult.server.store.Account;

import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.server.service.Policies;
import dev.auscult.server.service.PolicyPreview;
import dev.auscult.server.store.PolicyVersion;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy: the text in force, checking a draft (with its diff and who it would lock out), publishing, versions, rollback. */
public final class PolicyPage {

    public record View(Nav nav, Map<String, Integer> assignments, List<PolicyVersion> versions, String text, String group, List<String> problems,
                       List<String> warnings, List<LineDiff.Line> diff, Optional<String> message, Optional<PolicyPreview.Effect> effect)
            implements ConsoleView {
        @Override
        public String template() {
            return "policy.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/policy", r -> show(r, "default".equals(r.ctx().queryParam("start")) ? Policies.bundledText()
                : r.services().policies().textInForce(r.account()), "", List.of(), List.of(), List.of(), Optional.empty(), Optional.empty()));
        routes.post("/console/policy", PolicyPage::checkOrPublish);
        routes.post("/console/policy/rollback", PolicyPage::rollback);
    }

    private static void checkOrPublish(ConsoleRequest r) {
        var s = r.services();
        Account account = r.account();
        String text = r.formOrBlank("text");
        String group = r.formOrBlank("group").strip();
        List<LineDiff.Line> diff = LineDiff.of(s.policies().textInForce(account), text.replace("\r\n", "\n"));
        try {
            if ("publish".equals(r.formOrBlank("action"))) {
                Policies.Published p = s.policies().publish(account, Optional.of(group).filter(g -> !g.isEmpty()), "console", text, r.actor());
                show(r, s.policies().textInForce(account), group, List.of(), p.warnings(), List.of(),
                        Optional.of("Published " + p.name() + " as version " + p.version() + (group.isEmpty() ? " for everyone." : " for group " + group + ".")
                                + (p.emptyGroup() ? " No one in People belongs to group " + group + " yet: the version waits for its first member." : "")),
                        Optional.empty());
            } else {
                Policy checked = s.policies().validate("console", text);
                show(r, text, group, List.of(), checked.warnings(), diff, Optional.of("The policy is valid. Publish it to send it to the devices."),
                        Optional.of(s.preview().of(account, checked, previewDay(r))));
            }
        } catch (PolicyException e) {
            r.unprocessable();
            show(r, text, group, e.problems(), List.of(), diff, Optional.empty(), Optional.empty());
        }
    }

    private static void rollback(ConsoleRequest r) {
        var s = r.services();
        int version = Integer.parseInt(r.form("version").orElse("0"));
        String group = r.formOrBlank("group").strip();
        boolean exists = s.policies().versions(r.account()).stream().anyMatch(v -> v.version() == version);
        if (exists && !r.confirmed("Put version " + version + " back in force?", "Devices " + (group.isEmpty() ? "of everyone" : "of the group " + group)
                        + " are judged by policy version " + version + " again from their next check.",
                Map.of("version", String.valueOf(version), "group", group), "Roll back to version " + version, "/console/policy")) {
            return;
        }
        s.policies().rollback(r.account(), Optional.of(group).filter(g -> !g.isEmpty()), version, r.actor());
        show(r, s.policies().textInForce(r.account()), group, List.of(), List.of(), List.of(), Optional.of("Version " + version + " is in force again."),
                Optional.empty());
    }

    /** The day a policy check previews sign-in for: the form's date (today to a year ahead), else today. */
    private static LocalDate previewDay(ConsoleRequest r) {
        LocalDate today = LocalDate.ofInstant(r.services().clock().instant(), ZoneOffset.UTC);
        try {
            return r.form("on").filter(d -> !d.isBlank()).map(LocalDate::parse).filter(d -> !d.isBefore(today) && !d.isAfter(today.plusYears(1)))
                    .orElse(today);
        } catch (DateTimeParseException e) {
            return today;
        }
    }

    private static void show(ConsoleRequest r, String text, String group, List<String> problems, List<String> warnings, List<LineDiff.Line> diff,
                             Optional<String> message, Optional<PolicyPreview.Effect> effect) {
        Account account = r.account();
        r.render(new View(r.nav("policy"), r.services().policies().assignments(account), r.services().policies().versions(account), text, group,
                problems, warnings, diff, message, effect));
    }
}
