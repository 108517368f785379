package dev.auscult.server;

import dev.auscult.server.mail.ActivationMail;
import dev.auscult.server.mail.Mailer;
import dev.auscult.server.mail.SmtpMailer;
import dev.auscult.server.service.AccountSettings;
import dev.auscult.server.service.Accounts;
import dev.auscult.server.service.Admins;
import dev.auscult.server.service.Fleet;
import dev.auscult.server.service.ActivationCodes;
import dev.auscult.server.service.ActivationSender;
import dev.auscult.server.service.Attempts;
import dev.auscult.server.service.Audit;
import dev.auscult.server.service.Devices;
import dev.auscult.server.service.People;
import dev.auscult.server.service.Policies;
import dev.auscult.server.service.PolicyPreview;
import dev.auscult.server.service.Reports;
import dev.auscult.server.service.ScimUsers;
import dev.auscult.server.service.ApiTokens;
import dev.auscult.server.service.DeviceProofs;
import dev.auscult.server.service.RolloutKit;
import dev.auscult.server.service.Secrets;
import dev.auscult.server.store.Database;
import java.time.Clock;

/** The server's one composition root: every service, wired once, for the HTTP server and the admin CLI alike. */
public record ServerServices(Database database, Audit audit, Accounts accounts, People people, ActivationCodes codes, Devices devices,
                             Reports reports, Policies policies, ActivationSender sender, ScimUsers scim, Admins admins, Fleet fleet,
                             PolicyPreview preview, AccountSettings settings, RolloutKit rollout, ApiTokens apiTokens, DeviceProofs proofs,
                             dev.auscult.server.service.DeviceKeys deviceKeys, dev.auscult.server.service.LocalAnswers localAnswers,
                             dev.auscult.server.service.SsfStreams ssfStreams,
                             dev.auscult.server.service.SignInClients signInClients, dev.auscult.server.service.SignIns signIns,
                             dev.auscult.server.service.SignInExceptions signInExceptions,
                             dev.auscult.server.service.AdminSso adminSso,
                             dev.auscult.server.service.Deliveries deliveries, dev.auscult.server.service.PostureScores postureScores,
                             Mailer mailer, ServerConfig config,
                             Clock clock) {

    public static ServerServices create(ServerConfig config, Database db, Clock clock) {
        return create(config, db, clock, config.smtp().<Mailer>map(SmtpMailer::new).orElse(ServerServices::noMailServer));
    }

    public static ServerServices create(ServerConfig config, Database db, Clock clock, Mailer mailer) {
        var tx = db.tx();
        Secrets secrets = new Secrets();
        Attempts attempts = new Attempts(tx, clock);
        Audit audit = new Audit(tx, clock);
        Accounts accounts = new Accounts(tx, audit, clock);
        People people = new People(tx, audit, clock);
        ActivationCodes codes = new ActivationCodes(tx, secrets, audit, clock, config.codeLifetime());
        var deliveries = new dev.auscult.server.service.Deliveries(tx, secrets, audit, clock);
        Devices devices = new Devices(tx, codes, secrets, audit, clock, attempts, deliveries);
        Reports reports = new Reports(tx, clock, deliveries);
        Policies policies = new Policies(tx, people, audit, clock);
        AccountSettings settings = new AccountSettings(tx, audit, clock, config.publicUrl());
        ActivationSender sender = new ActivationSender(tx, people, codes, accounts, mailer, new ActivationMail(config.downloads()), audit, secrets,
                clock, settings);
        ScimUsers scim = new ScimUsers(tx, people, deliveries, secrets, audit, clock);
        var signInClients = new dev.auscult.server.service.SignInClients(tx, secrets, audit, clock);
        var signInExceptions = new dev.auscult.server.service.SignInExceptions(tx, audit, clock);
        var signIns = new dev.auscult.server.service.SignIns(tx, signInClients, new dev.auscult.server.service.SigningKeys(tx, clock), devices,
                new dev.auscult.server.service.DeviceStanding(reports, policies, signInExceptions, clock), secrets, audit, clock);
        return new ServerServices(db, audit, accounts, people, codes, devices, reports, policies, sender, scim,
                new Admins(tx, secrets, audit, clock, attempts), new Fleet(tx, clock), new PolicyPreview(tx, clock), settings,
                new RolloutKit(accounts, settings, sender, audit, config.downloads(), clock), new ApiTokens(tx, secrets, audit, clock),
                new DeviceProofs(tx, audit, clock), new dev.auscult.server.service.DeviceKeys(tx, audit, clock),
                new dev.auscult.server.service.LocalAnswers(tx, clock), new dev.auscult.server.service.SsfStreams(tx, deliveries, audit, clock),
                signInClients, signIns, signInExceptions,
                new dev.auscult.server.service.AdminSso(tx, secrets, audit, clock), deliveries,
                new dev.auscult.server.service.PostureScores(tx, clock), mailer, config, clock);
    }

    private static void noMailServer(Mailer.Message m) throws Mailer.MailException {
        throw new Mailer.MailException("no SMTP server is configured (smtp.host or AUSCULT_SMTP_HOST); export a CSV instead");
    }
}
