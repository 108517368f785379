package dev.auscult.fix;

/** How running a fix's programs went (whether the setting took is the re-check's to say). */
public sealed interface FixRun {

    /** Every required program ran and exited 0. */
    record Ran() implements FixRun {
    }

    /**
     * A required program did not run, or failed; later steps were not run.
     *
     * @param command the command as shown to the person
     * @param problem what went wrong, in the program's or the gateway's words (never a secret: fixes take none)
     * @param declined the person cancelled the OS's password prompt
     */
    record Failed(String command, String problem, boolean declined) implements FixRun {
    }
}
