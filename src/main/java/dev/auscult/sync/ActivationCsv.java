package dev.auscult.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.auscult.report.SpreadsheetCsv;

/**
 * The {@code email,code} file an administrator hands MDM for a roll-out: one row per person, an optional
 * {@code email,code} header, blank lines allowed. The server writes it and the agent reads it, with this
 * one class, so the two cannot drift apart.
 */
public final class ActivationCsv {

    /** One person's row. */
    public record Row(String email, String code) {
    }

    private ActivationCsv() {
    }

    /** Every field quoted and formula-defused ({@link SpreadsheetCsv}): a person's address never becomes a formula beside a code. */
    public static String write(List<Row> rows) {
        return SpreadsheetCsv.write(List.of("email", "code"), rows.stream().map(r -> List.of(r.email(), r.code())).toList());
    }

    /** Rows with an e-mail address and a code; the header, blank lines and anything else are skipped. Older unquoted files read the same. */
    public static List<Row> read(List<String> lines) {
        List<Row> out = new ArrayList<>();
        for (List<String> f : SpreadsheetCsv.read(String.join("\n", lines))) {
            if (f.size() < 2 || !f.get(0).contains("@")) {
                continue;
            }
            out.add(new Row(f.get(0), f.get(1)));
        }
        return out;
    }

    /** The row whose e-mail's local part is this login name (case-insensitive). */
    public static Optional<Row> forUser(List<String> lines, String user) {
        return read(lines).stream()
                .filter(r -> r.email().substring(0, r.email().indexOf('@')).toLowerCase(Locale.ROOT).equals(user.toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
