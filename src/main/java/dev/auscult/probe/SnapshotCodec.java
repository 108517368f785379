package dev.auscult.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.posture.OsPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Reads and writes {@code device-snapshot/1} files (see docs/snapshot-format.md). */
public final class SnapshotCodec {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final SourceCatalog catalog;

    public SnapshotCodec(SourceCatalog catalog) {
        this.catalog = catalog;
    }

    /** A real snapshot is tens of KiB (an app inventory may reach a few MiB); far beyond is not a snapshot. */
    static final int MAX_SNAPSHOT_BYTES = 32 << 20;

    public Snapshot read(Path file) throws SnapshotException {
        JsonNode root;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_SNAPSHOT_BYTES + 1);
            if (bytes.length > MAX_SNAPSHOT_BYTES) {
                throw new SnapshotException(file + ": larger than " + (MAX_SNAPSHOT_BYTES >> 20) + " MiB; not a snapshot");
            }
            root = json.readTree(bytes);
        } catch (NoSuchFileException e) {
            throw new SnapshotException(file + ": no such snapshot file");
        } catch (JsonProcessingException e) {
            // Jackson's own limits (nesting depth, string length) report no location.
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new SnapshotException(file + where + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SnapshotException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), root);
    }

    Snapshot parse(String name, JsonNode root) throws SnapshotException {
        if (root == null || !root.isObject()) {
            throw new SnapshotException(name + ": a snapshot must be a JSON object");
        }
        String format = root.path("format").asText("");
        if (!Snapshot.FORMAT.equals(format)) {
            throw new SnapshotException(name + ": format is '" + format + "', expected '" + Snapshot.FORMAT + "'");
        }
        String platformKey = root.path("platform").asText("");
        OsPlatform platform = OsPlatform.fromKey(platformKey).orElseThrow(() -> new SnapshotException(
                name + ": platform '" + platformKey + "' is not one of darwin, win32, linux"));
        Optional<Instant> recordedAt = Optional.empty();
        if (root.hasNonNull("recordedAt")) {
            try {
                recordedAt = Optional.of(Instant.parse(root.get("recordedAt").asText()));
            } catch (DateTimeParseException e) {
                throw new SnapshotException(name + ": recordedAt '" + root.get("recordedAt").asText()
                        + "' is not an ISO-8601 instant");
            }
        }
        Map<String, Reading> sources = new TreeMap<>();
        for (var entry : root.path("sources").properties()) {
            String id = entry.getKey();
            JsonNode n = entry.getValue();
            // Unknown IDs are kept out, so newer snapshots replay on older agents.
            if (catalog.find(id).isEmpty()) {
                continue;
            }
            sources.put(id, reading(name, id, n));
        }
        return new Snapshot(platform, root.path("label").asText(""), root.path("provenance").asText(""),
                recordedAt, sources);
    }

    private Reading reading(String name, String id, JsonNode n) throws SnapshotException {
        String statusKey = n.path("status").asText("");
        ReadStatus status = ReadStatus.fromKey(statusKey).orElseThrow(() -> new SnapshotException(
                name + ": source " + id + " has status '" + statusKey + "' (expected ok, missing, denied, timeout or error)"));
        String stdout = n.path("stdout").asText("");
        String stderr = n.path("stderr").asText("");
        if (status != ReadStatus.OK) {
            String message = n.hasNonNull("message") ? n.get("message").asText()
                    : defaultMessage(id, status, stderr);
            OptionalInt exit = n.hasNonNull("exitCode") ? OptionalInt.of(n.get("exitCode").asInt()) : OptionalInt.empty();
            return new Reading.Unavailable(id, status, message, exit, stdout, stderr);
        }
        SourceSpec spec = catalog.require(id);
        return switch (spec) {
            case SourceSpec.Command c -> new Reading.CommandOutput(id, n.path("exitCode").asInt(0), stdout, stderr,
                    Optional.ofNullable(n.get("program")).map(JsonNode::asText));
            case SourceSpec.PowerShell p -> new Reading.CommandOutput(id, n.path("exitCode").asInt(0), stdout, stderr);
            // a file set is recorded as one framed text; a presence check as empty content
            case SourceSpec.File _, SourceSpec.Files _, SourceSpec.Exists _ -> new Reading.FileContent(id, n.path("content").asText(""));
            case SourceSpec.Env e -> new Reading.EnvValue(id, n.path("value").asText(""));
        };
    }

    private static String defaultMessage(String id, ReadStatus status, String stderr) {
        String detail = ProcessRunner.firstLine(stderr);
        String what = switch (status) {
            case MISSING -> id + " was not available on the device";
            case DENIED -> id + " was denied";
            case TIMEOUT -> id + " timed out";
            default -> id + " failed";
        };
        return detail.isEmpty() ? what : what + ": " + detail;
    }

    /** Serialises with sorted source IDs and fixed field order, so equal snapshots are equal bytes. */
    public String write(Snapshot snapshot) {
        ObjectNode root = json.createObjectNode();
        root.put("format", Snapshot.FORMAT);
        root.put("platform", snapshot.platform().key());
        root.put("label", snapshot.label());
        root.put("provenance", snapshot.provenance());
        snapshot.recordedAt().ifPresent(t -> root.put("recordedAt", t.toString()));
        ObjectNode sources = root.putObject("sources");
        snapshot.sources().forEach((id, r) -> {
            ObjectNode s = sources.putObject(id);
            s.put("status", r.status().key());
            switch (r) {
                case Reading.CommandOutput c -> {
                    c.program().ifPresent(p -> s.put("program", p));
                    s.put("exitCode", c.exitCode());
                    s.put("stdout", c.stdout());
                    s.put("stderr", c.stderr());
                }
                case Reading.FileContent f -> s.put("content", f.content());
                case Reading.EnvValue e -> s.put("value", e.value());
                case Reading.Unavailable u -> {
                    s.put("message", u.message());
                    u.exitCode().ifPresent(code -> s.put("exitCode", code));
                    if (!u.stdout().isEmpty()) {
                        s.put("stdout", u.stdout());
                    }
                    if (!u.stderr().isEmpty()) {
                        s.put("stderr", u.stderr());
                    }
                }
            }
        });
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a snapshot tree could not be serialised", e);
        }
    }
}
