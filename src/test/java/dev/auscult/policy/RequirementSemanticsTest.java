package dev.auscult.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The golden table of docs/policy-semantics.md, every requirement × state, checked cell by cell, so the
 * documentation and the evaluator cannot disagree.
 */
class RequirementSemanticsTest {

    @Test
    void everyCellOfTheDocumentedTableHolds() throws IOException {
        List<String> rows = goldenRows();
        List<String> header = cells(rows.getFirst());
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String row : rows.subList(2, rows.size())) {
            List<String> c = cells(row);
            boolean supported = !c.getFirst().equals("unsupported");
            boolean partial = c.getFirst().equals("ON (partial)");
            State state = !supported ? State.OFF : partial ? State.ON : State.valueOf(c.getFirst());
            for (int i = 1; i < c.size(); i++) {
                RequirementOption req = RequirementOption.valueOf(header.get(i));
                Optional<Verdict> expected = c.get(i).equals("n/a") ? Optional.empty() : Optional.of(Verdict.valueOf(c.get(i)));
                Optional<Verdict> actual = RequirementTable.verdict(req, state, supported, partial);
                checked++;
                if (!expected.equals(actual)) {
                    mismatches.add(c.getFirst() + " × " + req + ": documented " + expected.map(Enum::name).orElse("n/a") + ", evaluated " + actual.map(Enum::name).orElse("n/a"));
                }
            }
        }
        assertEquals(20, checked, "the table should cover 5 states × 4 requirements");
        assertEquals(List.of(), mismatches);
    }

    @Test
    void unknownEvidenceIsNeverAPass() {
        for (RequirementOption req : RequirementOption.values()) {
            assertEquals(Optional.of(Verdict.UNKNOWN), RequirementTable.verdict(req, State.UNKNOWN, true), req.name());
        }
    }

    @Test
    void aPracticeThePlatformLacksIsNeverAPassInOurReportButStaysOneForStethoscopePages() {
        for (RequirementOption req : List.of(RequirementOption.SUGGESTED, RequirementOption.IF_SUPPORTED, RequirementOption.NEVER)) {
            assertEquals(Optional.empty(), RequirementTable.verdict(req, State.OFF, false), req.name());
            assertEquals(Verdict.PASS, RequirementTable.stethoscopeVerdict(req, State.OFF, false, false), req.name());
        }
        assertEquals(Optional.of(Verdict.FAIL), RequirementTable.verdict(RequirementOption.ALWAYS, State.OFF, false));
    }

    private static List<String> goldenRows() throws IOException {
        String doc = Files.readString(Path.of("docs/policy-semantics.md"));
        String table = doc.substring(doc.indexOf("<!-- golden-table:start -->"), doc.indexOf("<!-- golden-table:end -->"));
        return table.lines().filter(l -> l.startsWith("|")).toList();
    }

    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        for (String c : row.substring(1, row.lastIndexOf('|')).split("\\|")) {
            out.add(c.strip());
        }
        return out;
    }
}
