package dev.auscult.server.console;

/** What every console page's frame needs: who is signed in, for which account, the form token, the section. */
public record Nav(String username, String accountId, String csrf, String section) {
}
