package dev.auscult.cli;

import dev.auscult.posture.Verdict;
import java.util.Optional;

/** The documented exit codes of the CLI (README, "Exit codes"). */
public final class ExitCodes {

    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int USAGE = 2;
    public static final int NUDGE = 3;
    public static final int UNKNOWN = 4;
    public static final int INVALID_INPUT = 5;
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }

    static int forStatus(Optional<Verdict> status) {
        return status.map(v -> switch (v) {
            case PASS -> PASS;
            case NUDGE -> NUDGE;
            case UNKNOWN -> UNKNOWN;
            case FAIL -> FAIL;
        }).orElse(PASS);
    }
}
