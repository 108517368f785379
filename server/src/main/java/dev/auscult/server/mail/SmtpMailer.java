package dev.auscult.server.mail;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/** E-mail over SMTP with Jakarta Mail: plain text and HTML alternatives, STARTTLS required when configured. */
public final class SmtpMailer implements Mailer {

    /** SMTP settings; the password is read from a file or an environment variable, never from the command line. */
    public record Settings(String host, int port, Optional<String> user, Optional<String> password, String from, boolean startTls) {
        @Override
        public String toString() {
            return "SMTP " + host + ":" + port + user.map(u -> " as " + u).orElse("") + (startTls ? " (STARTTLS)" : "");
        }
    }

    private final Settings settings;
    private final Session session;

    public SmtpMailer(Settings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", String.valueOf(settings.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.writetimeout", "20000");
        if (settings.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        if (settings.user().isPresent()) {
            p.put("mail.smtp.auth", "true");
        }
        this.session = Session.getInstance(p, settings.user().isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.user().get(), settings.password().orElse(""));
            }
        });
    }

    @Override
    public void send(Message m) throws MailException {
        try {
            MimeMessage msg = new MimeMessage(session);
            msg.setFrom(new InternetAddress(settings.from()));
            msg.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(m.to(), true));
            msg.setSubject(m.subject(), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(m.html(), "text/html; charset=UTF-8");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            msg.setContent(alternatives);
            Transport.send(msg);
        } catch (MessagingException e) {
            throw new MailException("the mail server refused or could not be reached (" + settings.host() + ":" + settings.port() + "): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
