package dev.auscult.server.console;

/** The console's sign-in page: a password form, and single sign-on when accounts have it ({@code ssoAccount}: the one, if one). */
public record SignInView(String error, String username, int ssoAccounts, String ssoAccount) implements ConsoleView {
    @Override
    public String template() {
        return "signin.jte";
    }
}
