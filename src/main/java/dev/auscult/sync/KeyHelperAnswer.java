package dev.auscult.sync;

import dev.auscult.probe.Reading;
import java.io.IOException;
import java.util.List;

/**
 * What a device key's helper program answered (tpm2-tools, PowerShell over Windows' key storage, the Secure Enclave
 * helper), run through {@code ProcessRunner}: its output when it succeeded, else an {@link IOException} saying why in
 * the tool's own line — the one that names the error, which is the first for some tools and the last for others.
 */
final class KeyHelperAnswer {

    /** Which line of a failed tool's error output says why. */
    enum Why { FIRST_LINE, LAST_LINE }

    private KeyHelperAnswer() {
    }

    /** {@code failed}: what did not happen, e.g. "tpm2_load failed" — the reason follows it. */
    static String stdout(Reading r, Why why, String failed) throws IOException {
        if (r instanceof Reading.CommandOutput out && out.exitCode() == 0) {
            return out.stdout();
        }
        String reason = switch (r) {
            case Reading.CommandOutput out -> {
                List<String> lines = out.stderr().strip().lines().filter(l -> !l.isBlank()).toList();
                yield lines.isEmpty() ? "exit " + out.exitCode() : why == Why.FIRST_LINE ? lines.getFirst() : lines.getLast();
            }
            case Reading.Unavailable u -> u.message();
            default -> "it gave no answer";
        };
        throw new IOException(failed + ": " + reason);
    }
}
