package dev.auscult.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code email,code} file an administrator hands MDM for a roll-out: one row per person, an optional
 * {@code email,code} header, blank lines allowed. The server writes it and the agent reads it, with this
 * one class, so the two cannot drift apart.
 */
public final class ActivationCsv {

    public static final String HEADER = "email,code";

    /** One person's row. */
    public record Row(String email, String code) {
    }

    private ActivationCsv() {
    }

    public static String write(List<Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            if (r.email().contains(",") || r.code().contains(",") || r.email().contains("\n") || r.code().contains("\n")) {
                throw new IllegalArgumentException("an e-mail address or code contains a comma or a line break");
            }
            sb.append(r.email()).append(',').append(r.code()).append('\n');
        }
        return sb.toString();
    }

    public static List<Row> read(List<String> lines) {
        List<Row> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            if (f.length < 2 || !f[0].contains("@")) {
                continue;
            }
            out.add(new Row(f[0].strip(), f[1].strip()));
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
