package dev.auscult.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A yes/no asked on the terminal before the command acts (confirming a sign-in, making a fix). */
final class TerminalConsent {

    private TerminalConsent() {
    }

    /** Asked on the terminal; without one (a desktop launching the CLI, a script, a scheduled run), no answer is a no. */
    static boolean agreed(String question, PrintWriter out) {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        out.print(question + " [y/N] ");
        out.flush();
        String answer = console.readLine();
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
