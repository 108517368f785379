package dev.auscult.server.service;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A people directory as HR systems and spreadsheets export it, read by RFC 4180 (Apache Commons CSV): quoted
 * fields keep their commas ("Zoë Zhang, PhD"), a UTF-8 byte-order mark is dropped, a header row may name the
 * columns in any order (email, name, group and their usual synonyms); without one, the columns are
 * email,name,group. Rows that repeat an address are reported, not silently merged.
 */
final class PeopleCsv {

    /** One row to import, or the reason it is refused; {@code line} is the file's line where the row starts. */
    record Row(long line, Optional<String> email, Optional<String> name, Optional<String> group, Optional<String> problem) {
    }

    private static final Map<String, String> COLUMN = Map.ofEntries(
            Map.entry("email", "email"), Map.entry("e-mail", "email"), Map.entry("mail", "email"), Map.entry("email address", "email"),
            Map.entry("e-mail address", "email"), Map.entry("work email", "email"), Map.entry("primary email", "email"),
            Map.entry("name", "name"), Map.entry("full name", "name"), Map.entry("display name", "name"), Map.entry("displayname", "name"),
            Map.entry("group", "group"), Map.entry("department", "group"), Map.entry("team", "group"));

    private PeopleCsv() {
    }

    static List<Row> read(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).setCommentMarker('#').get();
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            int[] columns = null;   // index of email, name, group; -1 = absent
            boolean first = true;
            for (CSVRecord r : parser) {
                long line = lineAt(body, r.getCharacterPosition());
                if (first) {
                    first = false;
                    Optional<int[]> header = header(r);
                    if (header.isPresent()) {
                        columns = header.get();
                        if (columns[0] < 0) {
                            rows.add(new Row(line, Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.of("the header names no e-mail column (expected one called email)")));
                            return rows;
                        }
                        continue;
                    }
                    columns = new int[] {0, 1, 2};
                }
                rows.add(row(r, line, columns, seen));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            rows.add(new Row(-1, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("the file is not valid CSV from here on: " + e.getMessage())));
        }
        return rows;
    }

    private static Row row(CSVRecord r, long line, int[] columns, Map<String, Long> seen) {
        Optional<String> raw = field(r, columns[0]);
        if (raw.isEmpty()) {
            return new Row(line, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("no e-mail address"));
        }
        String email;
        try {
            email = People.normaliseEmail(raw.get());
        } catch (IllegalArgumentException e) {
            return new Row(line, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
        }
        Long earlier = seen.putIfAbsent(email, line);
        if (earlier != null) {
            return new Row(line, Optional.of(email), Optional.empty(), Optional.empty(),
                    Optional.of(email + " is already on line " + earlier + "; this row was not imported"));
        }
        return new Row(line, Optional.of(email), field(r, columns[1]), field(r, columns[2]), Optional.empty());
    }

    private static Optional<int[]> header(CSVRecord r) {
        int[] columns = {-1, -1, -1};
        boolean any = false;
        for (int i = 0; i < r.size(); i++) {
            String known = COLUMN.get(r.get(i).strip().toLowerCase(Locale.ROOT));
            if (known != null) {
                any = true;
                int slot = switch (known) {
                    case "email" -> 0;
                    case "name" -> 1;
                    default -> 2;
                };
                if (columns[slot] < 0) {
                    columns[slot] = i;
                }
            }
        }
        return any && r.stream().noneMatch(v -> v.contains("@")) ? Optional.of(columns) : Optional.empty();
    }

    private static Optional<String> field(CSVRecord r, int index) {
        return index >= 0 && index < r.size() ? Optional.of(r.get(index).strip()).filter(s -> !s.isEmpty()) : Optional.empty();
    }

    /** The 1-based line of the file where the record starting at {@code position} begins (a quoted field may span lines). */
    private static long lineAt(String body, long position) {
        long line = 1;
        for (int i = 0; i < position && i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
