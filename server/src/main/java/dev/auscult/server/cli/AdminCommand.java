package dev.auscult.server.cli;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Person;
import dev.auscult.server.store.Device;
import dev.auscult.server.store.DeviceFilter;
import dev.auscult.server.store.CodeStatus;
import dev.auscult.server.store.AuditEntry;
import dev.auscult.policy.PolicyException;
import dev.auscult.server.ServerServices;
import dev.auscult.server.service.ActivationCodes;
import dev.auscult.server.service.ActivationSender;
import dev.auscult.server.service.Audience;
import dev.auscult.server.service.Audit;
import dev.auscult.server.service.Devices;
import dev.auscult.server.service.People;
import dev.auscult.server.service.Policies;
import dev.auscult.server.store.H2Import;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auscult-server admin …}: the administrator's tasks from a shell, on the same service layer as the server. */
@Command(name = "admin", description = "Administer accounts, people, activations, policies and devices.",
        subcommands = {AdminCommand.CreateAccount.class, AdminCommand.CreateAdmin.class, AdminCommand.ImportPeople.class, AdminCommand.ListPeople.class, AdminCommand.RolloutKitCommand.class, AdminCommand.SendActivations.class,
                AdminCommand.ResumeSend.class, AdminCommand.ExportCodes.class, AdminCommand.ListCodes.class, AdminCommand.PublishPolicy.class,
                AdminCommand.RollbackPolicy.class, AdminCommand.ListPolicies.class, AdminCommand.ListDevices.class, AdminCommand.ShowDevice.class,
                AdminCommand.RevokeDevice.class, AdminCommand.ScimToken.class, AdminCommand.ShowAudit.class, AdminCommand.Prune.class,
                AdminCommand.MigrateH2.class, AdminCommand.UnlockAdmin.class, AdminCommand.Apply.class})
public final class AdminCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Base of every admin command: opens the database, runs, closes it. */
    abstract static class Task implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ServerServices s = connection.open(connection.load());
            try {
                PrintWriter out = new TerminalOutput(spec.commandLine().getOut());
                Integer refused = check(s);
                return refused != null ? refused : run(s, out);
            } finally {
                s.database().close();
            }
        }

        /** A refusal before running (an exit code), or null to run. */
        Integer check(ServerServices s) {
            return null;
        }

        /** Says what was not found, escaped like all output, and gives its exit code. */
        int notFound(String what) {
            new TerminalOutput(spec.commandLine().getErr()).println("auscult-server: " + what);
            return NOT_FOUND;
        }

        abstract int run(ServerServices s, PrintWriter out) throws Exception;
    }

    /** Exit codes (docs/server.md): 0 done, 1 failed (a file, the database), 2 a wrong option or value, 3 some mails failed, 4 not found. */
    static final int NOT_FOUND = 4;

    /** A task on one account: {@code --account ID}, as agents and MDM scripts name it. An unknown account is exit 4, never an empty success. */
    abstract static class AccountTask extends Task {
        @Option(names = "--account", required = true, description = "The account ID, as in the agents' activation (e.g. acme-corp).")
        String account;

        @Override
        Integer check(ServerServices s) {
            return s.accounts().find(account).isPresent() ? null : notFound("there is no account " + account);
        }

        /** The account, once {@link #check} found it: the operator's command line is a door of its own (it holds the database). */
        Account account() {
            return new Account(account);
        }
    }

    /** Who an activation is for: exactly one of --all, --without-device, --emails. */
    static final class Who {
        @Option(names = "--all", required = true, description = "Every active person.")
        boolean all;

        @Option(names = "--without-device", required = true, description = "Active people with no device reporting.")
        boolean withoutDevice;

        @Option(names = "--emails", required = true, split = ",", paramLabel = "EMAIL", description = "These addresses (comma-separated).")
        List<String> emails;

        Audience audience(boolean addUnknown) {
            return all ? new Audience.Everyone() : withoutDevice ? new Audience.WithoutDevice() : new Audience.Listed(emails, addUnknown);
        }
    }

    @Command(name = "create-account", description = "Creates an organisation account.")
    static final class CreateAccount extends Task {
        @Parameters(paramLabel = "ID", description = "The account ID agents and MDM scripts use, e.g. acme-corp.")
        String id;

        @Option(names = "--name", required = true, description = "The organisation's name, as e-mails show it.")
        String name;

        @Override
        int run(ServerServices s, PrintWriter out) {
            s.accounts().create(id, name, Connection.actor());
            out.println("Created account " + id + " (" + name + ").");
            return 0;
        }
    }

    @Command(name = "create-admin", description = "Creates a console administrator. The password is read from AUSCULT_ADMIN_PASSWORD, "
            + "else asked without echo, else read from standard input — never from the command line.")
    static final class CreateAdmin extends AccountTask {
        @Parameters(paramLabel = "USER", description = "The sign-in name, e.g. an e-mail address.")
        String user;

        @Option(names = "--role", defaultValue = "owner", paramLabel = "owner|policy-editor|helpdesk|auditor",
                description = "What they may do (default: owner).")
        String role;

        @Override
        int run(ServerServices s, PrintWriter out) throws Exception {
            s.accounts().require(account);
            String password = Optional.ofNullable(System.getenv("AUSCULT_ADMIN_PASSWORD")).filter(p -> !p.isEmpty()).orElseGet(() -> {
                if (System.console() != null) {
                    char[] typed = System.console().readPassword("Password for %s (12 characters or more): ", user);
                    return typed == null ? "" : new String(typed);
                }
                try {
                    String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    return line == null ? "" : line;
                } catch (java.io.IOException e) {
                    return "";
                }
            });
            s.admins().create(account(), user, password, dev.auscult.server.service.Role.parse(role), Connection.actor());
            out.println("Created administrator " + user + " for account " + account + ". Sign in at https://<server>/console.");
            return 0;
        }
    }

    @Command(name = "import-people", description = "Imports people from a CSV file: email,name,group (name and group optional).")
    static final class ImportPeople extends AccountTask {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        int run(ServerServices s, PrintWriter out) throws Exception {
            s.accounts().require(account);
            People.ImportResult r = s.people().importCsv(account(), Files.readString(file, StandardCharsets.UTF_8), Connection.acting(account));
            out.println("Imported: " + r.added() + " added, " + r.updated() + " updated.");
            r.problems().forEach(p -> out.println("  refused " + p));
            return r.problems().isEmpty() ? 0 : 3;
        }
    }

    @Command(name = "send-activations", description = "E-mails a one-time activation code to each person of the audience.")
    static final class SendActivations extends AccountTask {
        @ArgGroup(multiplicity = "1")
        Who who;

        @Option(names = "--add-to-people", description = "With --emails: add the addresses that are not in People yet (otherwise they are reported, not mailed).")
        boolean addToPeople;

        @Override
        int run(ServerServices s, PrintWriter out) {
            ActivationSender.SendReport r = s.sender().send(account(), who.audience(addToPeople), Connection.acting(account));
            print(r, account, out);
            return r.failed() == 0 && r.notInPeople() == 0 ? 0 : 3;
        }
    }

    static void print(ActivationSender.SendReport r, String account, PrintWriter out) {
        out.println("Batch " + r.batchId() + ": " + r.sent() + " sent, " + r.failed() + " failed, "
                + (r.notInPeople() > 0 ? r.notInPeople() + " not in People (not mailed; --add-to-people adds them), " : "") + r.outcomes().size() + " in all.");
        r.outcomes().forEach(o -> out.println("  " + o.status() + "  " + o.email() + o.problem().map(p -> "  (" + p + ")").orElse("")));
        if (r.failed() > 0) {
            out.println("Resume with: auscult-server admin resume-send --account " + account + " " + r.batchId());
        }
    }

    @Command(name = "resume-send", description = "Retries the recipients of a send that failed or were not reached.")
    static final class ResumeSend extends AccountTask {
        @Parameters(paramLabel = "BATCH")
        String batch;

        @Override
        int run(ServerServices s, PrintWriter out) {
            Optional<ActivationSender.SendReport> r = s.sender().resume(account(), batch, Connection.acting(account));
            if (r.isEmpty()) {
                return notFound("account " + account + " has no send " + batch);
            }
            print(r.get(), account, out);
            return r.get().failed() == 0 ? 0 : 3;
        }
    }

    @Command(name = "export-codes", description = "Issues codes for the audience and writes the email,code CSV that the agent's activationCsv reads.")
    static final class ExportCodes extends AccountTask {
        @ArgGroup(multiplicity = "1")
        Who who;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Written readable by you only: it holds live codes.")
        Path file;

        @Override
        int run(ServerServices s, PrintWriter out) throws Exception {
            Audience audience = who.audience(false);
            List<String> notInPeople = s.sender().recipients(account(), audience, Connection.acting(account)).notInPeople();
            String csv = s.sender().exportCsv(account(), audience, Connection.acting(account));
            Files.deleteIfExists(file);
            if (file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            out.println("Wrote " + (csv.lines().count() - 1) + " codes to " + file + " (readable by you only).");
            notInPeople.forEach(e -> out.println("  not in People, no code: " + e));
            return notInPeople.isEmpty() ? 0 : 3;
        }
    }

    @Command(name = "list-codes", description = "Lists activation codes (never the codes themselves): pending, used, expired, revoked.")
    static final class ListCodes extends AccountTask {
        @Override
        int run(ServerServices s, PrintWriter out) {
            Instant now = s.clock().instant();
            for (CodeStatus c : s.codes().list(account())) {
                out.printf("%-8s %-40s issued %s  expires %s%s%n", c.state(now), c.email(), c.createdAt(), c.expiresAt(),
                        c.deviceId().map(d -> "  device " + d).orElse(""));
            }
            return 0;
        }
    }

    @Command(name = "publish-policy", description = "Validates a Stethoscope policy (YAML or JSON) and publishes it as a new version.")
    static final class PublishPolicy extends AccountTask {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--group", description = "Only for people of this group (default: everyone).")
        String group;

        @Override
        int run(ServerServices s, PrintWriter out) throws Exception {
            s.accounts().require(account);
            try {
                Policies.Published p = s.policies().publish(account(), Optional.ofNullable(group), file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8), Connection.acting(account));
                out.println("Published " + p.name() + " as version " + p.version() + (group == null ? " for everyone." : " for group " + group + "."));
                p.warnings().forEach(w -> out.println("  warning: " + w));
                return 0;
            } catch (PolicyException e) {
                spec.commandLine().getErr().println("auscult-server: the policy is not valid:");
                e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
                return 5;
            }
        }
    }

    @Command(name = "rollback-policy", description = "Puts an earlier policy version back in force.")
    static final class RollbackPolicy extends AccountTask {
        @Parameters(paramLabel = "VERSION")
        int version;

        @Option(names = "--group")
        String group;

        @Override
        int run(ServerServices s, PrintWriter out) {
            s.policies().rollback(account(), Optional.ofNullable(group), version, Connection.acting(account));
            out.println("Version " + version + " is in force" + (group == null ? " for everyone." : " for group " + group + "."));
            return 0;
        }
    }

    @Command(name = "list-policies", description = "Lists policy versions and which is in force for whom.")
    static final class ListPolicies extends AccountTask {
        @Override
        int run(ServerServices s, PrintWriter out) {
            s.policies().assignments(account()).forEach((g, v) -> out.println("in force: version " + v + " for " + (g.isEmpty() ? "everyone" : "group " + g)));
            s.policies().versions(account()).forEach(v -> out.printf("  v%-4d %-30s %s by %s (%s)%n", v.version(), v.name(), v.createdAt(), v.createdBy(), v.sourceName()));
            return 0;
        }
    }

    @Command(name = "rollout-kit", description = "Writes the roll-out kit for MDM: managed config.yaml, install scripts for Linux, macOS and "
            + "Windows, a Debian configuration package, and optionally the activation codes (a zip readable by you only).")
    static final class RolloutKitCommand extends AccountTask {
        @Option(names = "--codes", defaultValue = "none", paramLabel = "none|without-device|everyone",
                description = "Whose activation codes go into the kit (default: none; people activate from their e-mail).")
        String codes;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The zip to write.")
        Path file;

        @Override
        int run(ServerServices s, PrintWriter out) throws Exception {
            dev.auscult.server.service.RolloutKit.Codes which = switch (codes) {
                case "none" -> dev.auscult.server.service.RolloutKit.Codes.NONE;
                case "without-device" -> dev.auscult.server.service.RolloutKit.Codes.WITHOUT_DEVICE;
                case "everyone" -> dev.auscult.server.service.RolloutKit.Codes.EVERYONE;
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--codes is none, without-device or everyone, not " + codes);
            };
            byte[] zip = s.rollout().zip(account(), which, Connection.acting(account));
            Files.deleteIfExists(file);
            if (file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, zip, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            out.println("Wrote the roll-out kit to " + file + " (readable by you only" + (which == dev.auscult.server.service.RolloutKit.Codes.NONE
                    ? "" : "; it holds live activation codes") + ").");
            return 0;
        }
    }

    @Command(name = "apply", description = "Makes the account's settings, policies per group and single sign-on what a file says (YAML, kept in git); "
            + "--dry-run shows the changes only. Applying the same file again changes nothing.")
    static final class Apply extends AccountTask {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The account's configuration (YAML).")
        Path file;

        @Option(names = "--dry-run", description = "Show what would change; change nothing.")
        boolean dryRun;

        @Override
        int run(ServerServices s, PrintWriter out) throws Exception {
            com.fasterxml.jackson.databind.JsonNode doc;
            try {
                doc = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(file.toFile());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(file + " is not readable YAML: " + dev.auscult.report.TerminalText.oneLine(String.valueOf(e.getMessage())));
            }
            Path dir = file.toAbsolutePath().getParent();
            List<dev.auscult.server.service.OrgApply.Change> changes;
            try {
                changes = new dev.auscult.server.service.OrgApply(s.policies(), s.settings(), s.adminSso()).plan(account(), doc, name -> {
                    try {
                        return java.util.Optional.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
                    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                        return java.util.Optional.empty();
                    }
                }, System.getenv());
            } catch (PolicyException e) {
                spec.commandLine().getErr().println("auscult-server: a policy in " + file + " is not valid; nothing was changed:");
                e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
                return 5;
            }
            if (changes.isEmpty()) {
                out.println("Nothing to change: account " + account + " is as " + file + " says.");
                return 0;
            }
            out.println((dryRun ? "Would change" : "Changing") + " " + changes.size() + " thing" + (changes.size() == 1 ? "" : "s") + " in account " + account + ":");
            for (var c : changes) {
                out.println("  ~ " + dev.auscult.report.TerminalText.oneLine(c.what()));
            }
            if (dryRun) {
                out.println("(dry run: nothing was changed)");
                return 0;
            }
            for (var c : changes) {
                c.step().apply(Connection.acting(account, "apply"));
            }
            out.println("Applied.");
            return 0;
        }
    }

    @Command(name = "list-people", description = "Lists people: e-mail, name, group, where they came from, and how many devices report for them.")
    static final class ListPeople extends AccountTask {
        @Option(names = "--without-device", description = "Only active people with no device reporting (who a send --without-device reaches).")
        boolean withoutDevice;

        @Override
        int run(ServerServices s, PrintWriter out) {
            java.util.Map<String, Long> devices = s.devices().list(account(), false).stream()
                    .collect(java.util.stream.Collectors.groupingBy(Device::ownerEmail, java.util.stream.Collectors.counting()));
            List<Person> people = withoutDevice ? s.people().withoutDevice(account()) : s.people().all(account());
            out.printf("%-36s %-28s %-16s %-7s %-12s %s%n", "EMAIL", "NAME", "GROUP", "SOURCE", "STATUS", "DEVICES");
            for (Person p : people) {
                out.printf("%-36s %-28s %-16s %-7s %-12s %d%n", p.email(), p.name().orElse("-"), p.group().orElse("-"),
                        p.scimId().isPresent() ? "SCIM" : "import", p.active() ? "active" : "deactivated", devices.getOrDefault(p.email(), 0L));
            }
            out.println(people.size() + (people.size() == 1 ? " person" : " people"));
            return 0;
        }
    }

    @Command(name = "list-devices", description = "Lists devices: owner, name, OS, agent version, last seen, overall verdict.")
    static final class ListDevices extends AccountTask {
        @Option(names = "--stale", paramLabel = "DAYS", description = "Only devices not seen for this many days.")
        Integer staleDays;

        @Option(names = "--revoked", description = "Include revoked devices.")
        boolean revoked;

        @Override
        int run(ServerServices s, PrintWriter out) {
            if (staleDays != null && staleDays < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stale must be 0 days or more, not " + staleDays);
            }
            // the console's device table, on the command line: the same query, sorted by owner (or the longest silent first)
            List<Device> list = s.fleet().all(account(), DeviceFilter.all(staleDays != null, staleDays != null ? "seen" : "owner", revoked),
                    Duration.ofDays(staleDays == null ? 0 : staleDays));
            out.printf("%-22s %-30s %-20s %-22s %-8s %-22s %s%n", "DEVICE", "OWNER", "NAME", "OS", "AGENT", "LAST SEEN", "STATUS");
            for (Device d : list) {
                out.printf("%-22s %-30s %-20s %-22s %-8s %-22s %s%n", d.id(), d.ownerEmail(), d.hostname().orElse("-"),
                        d.osName().orElse(d.platform()) + " " + d.osVersion().orElse(""), d.agentVersion().orElse("-"),
                        d.lastSeenAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        d.revokedAt().isPresent() ? "REVOKED" : d.latestStatus().orElse("no report"));
            }
            return 0;
        }
    }

    @Command(name = "show-device", description = "A device's latest report: per practice, verdict and reason; and its recent history.")
    static final class ShowDevice extends AccountTask {
        @Parameters(paramLabel = "DEVICE")
        String device;

        @Override
        int run(ServerServices s, PrintWriter out) {
            Optional<Device> found = s.devices().find(account(), device);
            if (found.isEmpty()) {
                return notFound("account " + account + " has no device " + device);
            }
            Device d = found.get();
            out.println(d.id() + " — " + d.ownerEmail() + ", " + d.hostname().orElse("?") + ", " + d.osName().orElse(d.platform()) + " "
                    + d.osVersion().orElse("") + (d.revokedAt().isPresent() ? " (revoked " + d.revokedAt().get() + ")" : ""));
            s.reports().latest(account(), device).ifPresent(r -> {
                var summary = dev.auscult.report.ReportSummary.parse(r.body());
                out.println("Latest report " + r.reportId() + " at " + r.receivedAt() + ": " + summary.status().orElse("nothing evaluated"));
                summary.practices().stream().filter(p -> p.verdict().isPresent()).forEach(p -> out.printf("  %-8s %-20s %s  [%s]%n",
                        p.verdict().get(), p.id(), dev.auscult.report.TerminalText.oneLine(p.reason()), String.join(", ", p.evidence())));
            });
            out.println("History:");
            s.reports().history(account(), device, 20).forEach(r -> out.println("  " + r.receivedAt() + "  " + r.status().orElse("-")));
            return 0;
        }
    }

    @Command(name = "revoke-device", description = "Revokes a device: its token stops working and the agent asks to be activated again.")
    static final class RevokeDevice extends AccountTask {
        @Parameters(paramLabel = "DEVICE")
        String device;

        @Override
        int run(ServerServices s, PrintWriter out) {
            Optional<Device> found = s.devices().find(account(), device);
            if (found.isEmpty()) {
                return notFound("account " + account + " has no device " + device);
            }
            if (found.get().revokedAt().isPresent()) {
                out.println(device + " was revoked already.");
                return 0;
            }
            s.devices().revoke(account(), device, Connection.acting(account));
            out.println("Revoked " + device + ".");
            return 0;
        }
    }

    @Command(name = "scim-token", description = "Creates a bearer token for your identity provider's SCIM provisioning (shown once).")
    static final class ScimToken extends AccountTask {
        @Override
        int run(ServerServices s, PrintWriter out) {
            s.accounts().require(account);
            out.println(s.scim().newToken(account(), Connection.acting(account)));
            out.println("Give this token to your identity provider with the base URL https://<server>/scim/v2. It is shown only now.");
            return 0;
        }
    }

    @Command(name = "audit", description = "Recent administrator actions.")
    static final class ShowAudit extends AccountTask {
        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        int run(ServerServices s, PrintWriter out) {
            if (limit < 1 || limit > 10_000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be between 1 and 10000, not " + limit);
            }
            for (AuditEntry e : s.audit().recent(account(), limit)) {
                out.println(e.at() + "  " + e.actor() + "  " + e.action() + "  " + e.detail());
            }
            return 0;
        }
    }

    @Command(name = "prune", description = "Deletes reports older than the retention (each device's latest stays).")
    static final class Prune extends Task {
        @Override
        int run(ServerServices s, PrintWriter out) {
            out.println("Pruned " + s.reports().prune(s.config().reportRetention()) + " reports.");
            return 0;
        }
    }

    /** The one way from an earlier version's embedded H2 database to SQLite; the server refuses to start on H2 data until it ran. */
    @Command(name = "migrate-h2", description = "Copies the embedded H2 database of an earlier version into SQLite, once, with the server stopped; "
            + "the H2 file is kept, renamed to auscult.mv.db.migrated.")
    static final class MigrateH2 implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The data directory holding auscult.mv.db.")
        Path data;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            H2Import.Result r = H2Import.run(data);
            PrintWriter out = spec.commandLine().getOut();
            r.rows().forEach((table, n) -> out.printf("%-20s %d rows%n", table, n));
            out.println("Copied into " + r.database() + "; the H2 file is kept as " + r.keptH2() + ".");
            return 0;
        }
    }

    @Command(name = "unlock-admin", description = "Lifts the sign-in holds that repeated failures put on an administrator's name.")
    static final class UnlockAdmin extends Task {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        int run(ServerServices s, PrintWriter out) {
            if (!s.admins().unlock(username, Connection.actor())) {
                return notFound("no administrator " + username);
            }
            out.println("Sign-in holds on " + username + " lifted.");
            return 0;
        }
    }
}
