package dev.auscult.server.service;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Person;
import dev.auscult.server.mail.ActivationMail;
import dev.auscult.server.mail.Mailer;
import dev.auscult.sync.ActivationCsv;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.MailBatchStore;
import dev.auscult.server.store.PeopleStore;
import dev.auscult.server.store.MailOutcome;
import dev.auscult.server.store.Tx;

/**
 * Sends activation codes by e-mail, or exports them as the {@code email,code} CSV MDM roll-outs use.
 * A send is a batch of rows, one per recipient, written before any mail goes out; each row is marked
 * sent or failed as it happens, so an interrupted or partly failed send can be resumed and reported
 * recipient by recipient. A failed mail's code is revoked at once (it reached nobody).
 */
public final class ActivationSender {

    public record SendReport(String batchId, List<MailOutcome> outcomes) {
        public long sent() {
            return outcomes.stream().filter(o -> o.status().equals("SENT")).count();
        }

        public long failed() {
            return outcomes.stream().filter(o -> o.status().equals("FAILED")).count();
        }

        /** Listed addresses that are not in People: not mailed. */
        public long notInPeople() {
            return outcomes.stream().filter(o -> o.status().equals(NOT_IN_PEOPLE)).count();
        }
    }

    static final String NOT_IN_PEOPLE = "NO_PERSON";   // activation_mails.status is VARCHAR(10)

    /** Who an audience means now: the addresses to mail, and listed ones that are not in People (not mailed). */
    public record Recipients(List<String> emails, List<String> notInPeople) {
    }

    static final int MAX_ATTEMPTS = 5;

    private final Tx tx;
    private final People people;
    private final ActivationCodes codes;
    private final Accounts accounts;
    private final Mailer mailer;
    private final ActivationMail template;
    private final Audit audit;
    private final Secrets secrets;
    private final Clock clock;
    private final AccountSettings settings;

    public ActivationSender(Tx tx, People people, ActivationCodes codes, Accounts accounts, Mailer mailer, ActivationMail template,
                            Audit audit, Secrets secrets, Clock clock, AccountSettings settings) {
        this.tx = tx;
        this.people = people;
        this.codes = codes;
        this.accounts = accounts;
        this.mailer = mailer;
        this.template = template;
        this.audit = audit;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
    }

    /** The addresses an audience means now (listed ones not in People are added only when the audience says so). */
    public Recipients recipients(Account account, Audience audience, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, account.id());
        String actor = by.audited();
        return switch (audience) {
            case Audience.Everyone e -> new Recipients(people.all(account).stream().filter(Person::active).map(Person::email).toList(), List.of());
            case Audience.WithoutDevice w -> new Recipients(people.withoutDevice(account).stream().map(Person::email).toList(), List.of());
            case Audience.Listed l -> {
                List<String> out = new ArrayList<>();
                List<String> unknown = new ArrayList<>();
                tx.use(s -> {
                    for (String raw : l.emails()) {
                        String email = People.normaliseEmail(raw);
                        if (out.contains(email) || unknown.contains(email)) {
                            continue;
                        }
                        if (people.find(account, email).isPresent() || l.addUnknown()) {
                            people.upsert(account, new PeopleStore.PersonUpdate(email, Optional.empty(), Optional.empty(), true, Optional.empty(),
                                    Optional.empty()));
                            out.add(email);
                        } else {
                            unknown.add(email);
                        }
                    }
                });
                yield new Recipients(out, unknown);
            }
        };
    }

    public SendReport send(Account account, Audience audience, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, account.id());
        String actor = by.audited();
        accounts.require(account.id());
        Recipients recipients = recipients(account, audience, by);
        List<String> to = recipients.emails();
        String batch = secrets.id("send_");
        List<MailBatchStore.NewMail> mails = new ArrayList<>();
        to.forEach(email -> mails.add(new MailBatchStore.NewMail(email, "PENDING", Optional.empty())));
        recipients.notInPeople().forEach(email -> mails.add(new MailBatchStore.NewMail(email, NOT_IN_PEOPLE,
                Optional.of("not in People: import the person, or send again with \u201cadd them to People\u201d"))));
        tx.use(s -> {
            s.mailBatches().add(account, batch, mails, clock.instant());
            audit.record(Optional.of(account.id()), actor, "activations.send", "batch " + batch + ": " + to.size()
                    + " recipients (" + audience.describe() + ")"
                    + (recipients.notInPeople().isEmpty() ? "" : "; " + recipients.notInPeople().size() + " listed addresses not in People, not mailed"));
        });
        return deliver(account, batch);
    }

    /**
     * Sends what is still pending or failed in one of the account's sends (up to 5 attempts per recipient);
     * empty when the account has no such send. A batch ID is not a secret: another account's ID finds nothing.
     */
    public Optional<SendReport> resume(Account account, String batchId, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, account.id());
        String actor = by.audited();
        if (!exists(account, batchId)) {
            return Optional.empty();
        }
        audit.record(Optional.of(account.id()), actor, "activations.resume", "batch " + batchId);
        return Optional.of(deliver(account, batchId));
    }

    private boolean exists(Account account, String batchId) {
        return tx.read(s -> s.mailBatches().exists(account, batchId));
    }

    private SendReport deliver(Account account, String batchId) {
        String organisation = accounts.require(account.id()).name();
        for (MailBatchStore.Pending r : tx.read(s -> s.mailBatches().toSend(account, batchId, MAX_ATTEMPTS))) {
            ActivationCodes.Issued code = codes.issue(account, r.email());
            try {
                mailer.send(template.render(organisation, account.id(), r.email(), code.code(), code.expiresAt(), settings.mailLook(account),
                        people.find(account, r.email()).flatMap(Person::name), settings.publicUrl(account)));
                tx.use(s -> {
                    s.mailBatches().sent(account, r.id(), code.id(), clock.instant());
                    codes.replaceOthers(account, r.email(), code.id());
                });
            } catch (Mailer.MailException e) {
                tx.use(s -> {
                    codes.withdraw(account, code.id());
                    s.mailBatches().failed(account, r.id(), e.getMessage());
                });
            }
        }
        return report(account, batchId);
    }

    /**
     * A sample of the account's activation mail, as a person would get it, sent to the administrator asking (a made-up
     * code that activates nothing): to see the look and the words before everyone gets them.
     */
    public void sendSample(Account account, String to, Actor by) throws Mailer.MailException {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        if (!to.contains("@")) {
            throw new IllegalArgumentException("Your user name is not an e-mail address, so there is nowhere to send the sample.");
        }
        Mailer.Message mail = template.render(accounts.require(account.id()).name(), account.id(), to, "SAMP-LE00-0000",
                clock.instant().plus(codes.lifetime()), settings.mailLook(account), Optional.empty(), settings.publicUrl(account));
        mailer.send(new Mailer.Message(to, "[Sample] " + mail.subject(), mail.text(), mail.html()));
        audit.record(Optional.of(account.id()), actor, "activations.sample", "a sample activation mail was sent to " + to);
    }

    /** One of the account's sends, recipient by recipient (empty for a batch of another account). */
    public SendReport report(Account account, String batchId) {
        return new SendReport(batchId, tx.read(s -> s.mailBatches().outcomes(account, batchId)));
    }

    /**
     * New codes for the audience as the CSV the agent's {@code activationCsv} reads. The codes are in this
     * text only: keep it as carefully as a password file and give it to the MDM only.
     */
    public String exportCsv(Account account, Audience audience, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, account.id());
        String actor = by.audited();
        accounts.require(account.id());
        List<String> to = recipients(account, audience, by).emails();
        List<ActivationCsv.Row> rows = new ArrayList<>();
        tx.use(s -> {
            for (String email : to) {
                ActivationCodes.Issued issued = codes.issue(account, email);
                codes.replaceOthers(account, email, issued.id());
                rows.add(new ActivationCsv.Row(email, issued.code()));
            }
            audit.record(Optional.of(account.id()), actor, "activations.export", rows.size() + " codes exported as CSV (" + audience.describe() + ")");
        });
        return ActivationCsv.write(rows);
    }
}
