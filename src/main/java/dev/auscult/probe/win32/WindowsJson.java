package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.Finding;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The objects of a PowerShell source's {@code ConvertTo-Json}, or why there are none. */
record WindowsJson(List<JsonNode> objects, Finding problem) {

    static WindowsJson of(Reading r) {
        if (!(r instanceof Reading.CommandOutput c)) {
            return new WindowsJson(List.of(), Finding.plain(r.problem()));
        }
        if (c.exitCode() != 0) {
            return new WindowsJson(List.of(), c.stderr().isBlank() ? Finding.of(WindowsPhrase.POWERSHELL_FAILED, c.exitCode())
                    : Finding.of(WindowsPhrase.POWERSHELL_FAILED_SAYING, c.exitCode(), c.stderr().strip()));
        }
        try {
            return new WindowsJson(PowerShellJson.objects(c.stdout()), null);
        } catch (IOException e) {
            return new WindowsJson(List.of(), Finding.of(WindowsPhrase.NOT_THE_JSON_EXPECTED));
        }
    }

    boolean readable() {
        return problem == null;
    }

    Optional<JsonNode> first() {
        return objects.stream().findFirst();
    }
}
