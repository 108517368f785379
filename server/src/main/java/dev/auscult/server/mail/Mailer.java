package dev.auscult.server.mail;

/** Sends one e-mail. Implementations throw with a message that names no secret. */
public interface Mailer {

    record Message(String to, String subject, String text, String html) {
    }

    void send(Message message) throws MailException;

    final class MailException extends Exception {
        public MailException(String message) {
            super(message);
        }
    }
}
