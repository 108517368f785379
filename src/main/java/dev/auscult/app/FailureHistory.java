package dev.auscult.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.Verdict;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each practice's current failure was first seen, kept across restarts ({@code state/failing-since.json})
 * so a grace period counts from the first failing scan, not from the last restart. A pass ends the
 * failure — failing again later starts a new grace; an UNKNOWN in between does not (a check that could
 * not run says nothing about a fix). An unreadable file counts as no history: grace starts again, which
 * errs towards the user, and the file is rewritten at the next change.
 */
public final class FailureHistory {

    private static final System.Logger LOG = System.getLogger(FailureHistory.class.getName());

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public FailureHistory(Path file) {
        this.file = file;
    }

    /** Records this scan's raw verdicts (before grace) and returns when each current failure began. */
    public synchronized Map<PracticeId, Instant> update(java.util.List<PracticeResult> raw, Instant now) {
        Map<PracticeId, Instant> since = load();
        Map<PracticeId, Instant> before = Map.copyOf(since);
        for (PracticeResult r : raw) {
            Optional<Verdict> v = r.verdict();
            if (v.equals(Optional.of(Verdict.FAIL))) {
                since.putIfAbsent(r.practice(), now);
            } else if (v.isEmpty() || v.equals(Optional.of(Verdict.PASS))) {
                since.remove(r.practice());
            }
        }
        if (!since.equals(before)) {
            save(since);
        }
        return since;
    }

    Map<PracticeId, Instant> load() {
        Map<PracticeId, Instant> out = new EnumMap<>(PracticeId.class);
        try {
            JsonNode root = json.readTree(Files.readString(file));
            if (root != null && root.isObject()) {
                root.properties().forEach(e -> PracticeId.fromKey(e.getKey()).ifPresent(id -> {
                    try {
                        out.put(id, Instant.parse(e.getValue().asText()));
                    } catch (DateTimeParseException ignored) {
                        // one damaged entry: that practice's grace starts again
                    }
                }));
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} is unreadable ({1}); grace periods count from now", file, e.getMessage());
        }
        return out;
    }

    private void save(Map<PracticeId, Instant> since) {
        ObjectNode root = json.createObjectNode();
        since.forEach((id, t) -> root.put(id.key(), t.toString()));
        try {
            AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not keep when failures began ({0}): {1}", file, e.getMessage());
        }
    }
}
