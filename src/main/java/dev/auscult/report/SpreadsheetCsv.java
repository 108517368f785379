package dev.auscult.report;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV that a spreadsheet opens safely (OWASP "CSV Injection"): every field quoted, quotes doubled, and a field
 * that begins with {@code = + - @}, TAB or CR prefixed with {@code '} so it stays text. Quoting every field also
 * keeps a {@code ;}-locale spreadsheet from splitting a value. Reading is RFC 4180 (quoted commas, doubled
 * quotes, line breaks inside quotes, a UTF-8 BOM) and undoes our own prefix.
 */
public final class SpreadsheetCsv {

    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get();
    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetCsv() {
    }

    public static String write(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, WRITE)) {
            p.printRecord(header);
            for (List<String> row : rows) {
                p.printRecord(row.stream().map(SpreadsheetCsv::defuse).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** Every record, fields stripped of surrounding blanks and of the formula prefix {@link #write} adds. */
    public static List<List<String>> read(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), READ)) {
            for (CSVRecord r : parser) {
                out.add(r.stream().map(SpreadsheetCsv::undefuse).toList());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not a readable CSV file: " + e.getMessage(), e);
        }
        return out;
    }

    static String defuse(String v) {
        return !v.isEmpty() && FORMULA_STARTS.indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    static String undefuse(String v) {
        return v.length() > 1 && v.charAt(0) == '\'' && FORMULA_STARTS.indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }
}
