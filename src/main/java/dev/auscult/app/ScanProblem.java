package dev.auscult.app;

/**
 * Why the last scan could not give fresh results (the last ones are shown): a fact for the window to put in the
 * person's language, with the technical detail the words quote.
 */
public sealed interface ScanProblem {

    /** What went wrong, as the program said it (a path, a line), quoted after the words. */
    String detail();

    /** The policy in force could not be used (a bad file, a policy the agent cannot read). */
    record PolicyUnusable(String detail) implements ScanProblem {
    }

    /** The scan itself failed — a bug: the detail goes to the log and is quoted. */
    record ScanFailed(String detail) implements ScanProblem {
    }
}
