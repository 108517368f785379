package dev.auscult.probe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Runs many PowerShell sources in one {@code powershell.exe} (each start costs 0.3–1 s) and splits the
 * output back into one reading per source ID, so recording and replay stay per source.
 */
public final class PowerShellBatch {

    static final String BEGIN = "##auscult-begin ";
    static final String END = "##auscult-end ";
    static final String ERROR = "##auscult-error ";
    private static final Pattern DENIED = Pattern.compile("access is denied|requires elevation|administrator|unauthorized",
            Pattern.CASE_INSENSITIVE);

    private PowerShellBatch() {
    }

    /** One script: each source's script in its own try/catch between markers, UTF-8 output. */
    public static String script(List<SourceSpec.PowerShell> sources) {
        StringBuilder sb = new StringBuilder();
        sb.append("$ProgressPreference = 'SilentlyContinue'\n");
        sb.append("[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n");
        for (SourceSpec.PowerShell s : sources) {
            sb.append("Write-Output '").append(BEGIN).append(s.id()).append("'\n");
            sb.append("try { $ErrorActionPreference = 'Stop'; ").append(s.script())
                    .append(" | Out-String -Width 4096 | Write-Output } catch { Write-Output ('")
                    .append(ERROR).append("' + ($_.Exception.Message -replace \"`r?`n\", ' ')) }\n");
            sb.append("Write-Output '").append(END).append(s.id()).append("'\n");
        }
        return sb.toString();
    }

    /** Splits the batch's stdout back into readings; a source without its section is an error. */
    public static Map<String, Reading> split(String stdout, List<String> ids) {
        Map<String, StringBuilder> bodies = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        String current = null;
        for (String line : stdout.split("\r?\n", -1)) {
            if (line.startsWith(BEGIN)) {
                current = line.substring(BEGIN.length()).strip();
                bodies.put(current, new StringBuilder());
            } else if (line.startsWith(END)) {
                current = null;
            } else if (current != null && line.startsWith(ERROR)) {
                errors.put(current, line.substring(ERROR.length()).strip());
            } else if (current != null) {
                bodies.get(current).append(line).append("\r\n");
            }
        }
        Map<String, Reading> out = new HashMap<>();
        for (String id : ids) {
            if (errors.containsKey(id)) {
                String msg = errors.get(id);
                ReadStatus status = DENIED.matcher(msg).find() ? ReadStatus.DENIED : ReadStatus.ERROR;
                out.put(id, new Reading.Unavailable(id, status, id + ": " + msg, OptionalInt.of(1), "", msg));
            } else if (bodies.containsKey(id)) {
                out.put(id, new Reading.CommandOutput(id, 0, bodies.get(id).toString().strip() + "\r\n", ""));
            } else {
                out.put(id, Reading.Unavailable.of(id, ReadStatus.ERROR, id + ": PowerShell printed nothing for this source"));
            }
        }
        return out;
    }
}
