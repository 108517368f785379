package dev.auscult.server.mail;

import java.util.Optional;

/**
 * How an organisation's activation mail looks, where it set its own: its name, its opening words, its logo and its
 * download links. The mail package's own type, so mail depends on nothing of the services that use it.
 */
public record MailLook(Optional<String> organisationName, Optional<String> intro, Optional<String> logoUrl, Optional<String> downloadMacos,
                       Optional<String> downloadWindows, Optional<String> downloadLinux) {

    public static MailLook none() {
        return new MailLook(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
