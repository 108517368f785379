package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ConvertTo-Json} output as a list of objects: PowerShell prints one object bare and several as an
 * array, may start with a BOM, and Windows PowerShell 5.1 writes booleans and enums as numbers or strings.
 */
final class PowerShellJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PowerShellJson() {
    }

    static List<JsonNode> objects(String stdout) throws IOException {
        String text = stdout.replace("\uFEFF", "").strip();
        if (text.isEmpty()) {
            return List.of();
        }
        JsonNode root = JSON.readTree(text);
        List<JsonNode> out = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(out::add);
        } else {
            out.add(root);
        }
        return out;
    }

    /** true/false from a JSON boolean, 1/0, or "True"/"False" strings. */
    static Optional<Boolean> bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isBoolean()) {
            return Optional.of(v.booleanValue());
        }
        if (v.isNumber()) {
            return Optional.of(v.intValue() != 0);
        }
        String s = v.asText().strip();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return Optional.of(true);
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    static Optional<Long> number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.longValue());
        }
        String s = v.asText().strip();
        return s.matches("-?\\d{1,18}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }

    static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText().strip()).filter(s -> !s.isEmpty());
    }
}
