package dev.auscult.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.posture.FixRecord;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.Verdict;
import dev.auscult.report.FixRecordJson;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixes made on this device ({@code state/fixes.json}, owner-only), newest last: the last 30 days, at most
 * 20. A fix is first <em>expected</em> (its programs have run) and then <em>settled</em> by the first scan that
 * started after them, whose reading of the practice says whether it took — so the report that scan produces
 * already tells of the fix, and it is sent at once. An unreadable file loses only the list of past fixes.
 */
public final class FixLog {

    private static final System.Logger LOG = System.getLogger(FixLog.class.getName());
    static final Duration KEPT_FOR = Duration.ofDays(30);
    static final int KEPT_AT_MOST = 20;

    /**
     * A fix whose programs have run, waiting for a scan to read the practice again.
     *
     * @param decided the outcome when it is known without a re-check (declined, failed, opened)
     */
    public record Pending(PracticeId practice, String fix, Instant ranAt, String user, FixRecord.Reading before,
                          Optional<FixRecord.Outcome> decided, Optional<String> problem) {
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Pending> pending = new ArrayList<>();

    public FixLog(Path file) {
        this.file = file;
    }

    public synchronized void expect(Pending fix) {
        pending.add(fix);
    }

    /**
     * Settles the fixes that ran before this scan started, with its results, and returns the recent fixes for its
     * report (those settled now included).
     */
    public synchronized List<FixRecord> settle(List<PracticeResult> results, Instant scanStarted) {
        List<FixRecord> recent = new ArrayList<>(load());
        boolean changed = false;
        for (var it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.ranAt().isAfter(scanStarted)) {
                continue; // this scan may have read the setting before the fix changed it
            }
            it.remove();
            Optional<PracticeResult> after = results.stream().filter(r -> r.practice() == p.practice()).findFirst();
            FixRecord.Outcome outcome = p.decided().orElseGet(() -> after.flatMap(PracticeResult::verdict).filter(v -> v == Verdict.PASS).isPresent()
                    ? FixRecord.Outcome.FIXED : FixRecord.Outcome.NOT_FIXED);
            recent.add(new FixRecord(p.practice(), p.fix(), p.ranAt(), p.user(), p.before(), after.map(FixRecord.Reading::of), outcome, p.problem()));
            changed = true;
        }
        List<FixRecord> kept = kept(recent, scanStarted);
        if (changed || kept.size() != recent.size()) {
            save(kept);
        }
        return kept;
    }

    /** The recent fixes, oldest first. */
    public synchronized List<FixRecord> recent(Instant now) {
        return kept(load(), now);
    }

    private static List<FixRecord> kept(List<FixRecord> all, Instant now) {
        List<FixRecord> young = all.stream().filter(f -> f.at().isAfter(now.minus(KEPT_FOR))).toList();
        return young.size() <= KEPT_AT_MOST ? young : young.subList(young.size() - KEPT_AT_MOST, young.size());
    }

    private List<FixRecord> load() {
        List<FixRecord> out = new ArrayList<>();
        try {
            JsonNode root = json.readTree(Files.readString(file));
            if (root != null && root.isArray()) {
                for (JsonNode n : root) {
                    FixRecordJson.read(n).ifPresent(out::add);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} is unreadable ({1}); the list of past fixes starts again", file, e.getMessage());
        }
        return out;
    }

    private void save(List<FixRecord> fixes) {
        ArrayNode root = json.createArrayNode();
        for (FixRecord f : fixes) {
            FixRecordJson.write(root.addObject(), f);
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writePrivate(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the fix could not be recorded in {0}: {1}", file, e.getMessage());
        }
    }
}
