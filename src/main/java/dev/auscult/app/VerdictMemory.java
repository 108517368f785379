package dev.auscult.app;

import dev.auscult.storage.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The verdicts of the last scan, kept across restarts so "newly failing" means newly, not "failing
 * since before the agent restarted". An unreadable file is treated as no memory (at worst one extra
 * notification), never as an error.
 */
public final class VerdictMemory {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public VerdictMemory(Path file) {
        this.file = file;
    }

    public Map<PracticeId, Verdict> load() {
        Map<PracticeId, Verdict> out = new EnumMap<>(PracticeId.class);
        try {
            JsonNode root = json.readTree(Files.readString(file));
            if (root != null) {
                root.properties().forEach(e -> PracticeId.fromKey(e.getKey()).ifPresent(id -> {
                    try {
                        out.put(id, Verdict.valueOf(e.getValue().asText()));
                    } catch (IllegalArgumentException ignored) {
                        // an unknown verdict word from a newer version: skip that practice
                    }
                }));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    public void save(Map<PracticeId, Verdict> verdicts) throws IOException {
        ObjectNode root = json.createObjectNode();
        verdicts.forEach((id, v) -> root.put(id.key(), v.name()));
        AtomicFiles.write(file, json.writeValueAsString(root) + "\n");
    }
}
