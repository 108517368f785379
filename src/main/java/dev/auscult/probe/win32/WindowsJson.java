package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The objects of a PowerShell source's {@code ConvertTo-Json}, or why there are none. */
record WindowsJson(List<JsonNode> objects, String problem) {

    static WindowsJson of(Reading r) {
        if (!(r instanceof Reading.CommandOutput c)) {
            return new WindowsJson(List.of(), r.problem());
        }
        if (c.exitCode() != 0) {
            return new WindowsJson(List.of(), "PowerShell exited with code " + c.exitCode() + (c.stderr().isBlank() ? "" : ": " + c.stderr().strip()));
        }
        try {
            return new WindowsJson(PowerShellJson.objects(c.stdout()), "");
        } catch (IOException e) {
            return new WindowsJson(List.of(), "the output was not the JSON expected");
        }
    }

    boolean readable() {
        return problem.isEmpty();
    }

    Optional<JsonNode> first() {
        return objects.stream().findFirst();
    }
}
