package dev.auscult.server.console;

/** Shown instead of the console over plain HTTP (its Secure cookie would be dropped): how to reach it over HTTPS. */
public record NeedsHttpsView(String host, int port) implements ConsoleView {
    @Override
    public String template() {
        return "needs-https.jte";
    }
}
