package dev.auscult.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads Stethoscope policies, YAML or JSON, verbatim. Every problem is reported as
 * {@code file:line:column: key: what is wrong}; nothing here throws anything but {@link PolicyException}.
 */
public final class PolicyLoader {

    private static final String BUNDLED = "default-policy.yaml";
    private static final int MAX_POLICY_BYTES = 1 << 20;

    private final JsonFactory json = new JsonFactory();
    private final YAMLFactory yaml = new YAMLFactory();

    public Policy load(Path file) throws PolicyException {
        String text;
        // Bounded read: Files.size says 0 for /dev/zero and pipes, so never trust it to stop a huge read.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_POLICY_BYTES + 1);
            if (bytes.length > MAX_POLICY_BYTES) {
                throw new PolicyException(List.of(file + ": the policy is larger than 1 MiB"));
            }
            text = utf8(file.toString(), bytes);
        } catch (NoSuchFileException e) {
            throw new PolicyException(List.of(file + ": no such policy file"));
        } catch (IOException e) {
            throw new PolicyException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        String fallbackName = file.getFileName() == null ? "policy" : file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return parse(file.toString(), text, fallbackName);
    }

    /** Strict UTF-8: a binary or Latin-1 file gets the position of its first bad byte, not "Input length = 1". */
    static String utf8(String source, byte[] bytes) throws PolicyException {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return d.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int offset = 0;
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
            d.reset();
            if (d.decode(in, out, true).isError()) {
                offset = in.position();
            }
            String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            long line = before.chars().filter(c -> c == '\n').count() + 1;
            int column = offset - before.lastIndexOf('\n');
            throw new PolicyException(List.of(source + ":" + line + ":" + column + ": not UTF-8 text (byte 0x"
                    + String.format("%02x", bytes[offset] & 0xff) + " at offset " + offset + "); save the policy as UTF-8"));
        }
    }

    /** The embedded default policy bundled with the agent. */
    public Policy bundled() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled default policy is missing from the application");
            }
            return parse(BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8), "Auscult default");
        } catch (IOException | PolicyException e) {
            throw new IllegalStateException("the bundled default policy is broken: " + e.getMessage(), e);
        }
    }

    public Policy parse(String sourceName, String text, String fallbackName) throws PolicyException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        boolean isJson = body.stripLeading().startsWith("{");
        PolicyNode root;
        try (JsonParser p = (isJson ? json : yaml).createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new PolicyException(List.of(sourceName + ": the policy is empty"));
            }
            root = PolicyNode.read(p);
            if (p.nextToken() != null) {
                throw new PolicyException(List.of(sourceName + ":" + p.currentTokenLocation().getLineNr() + ":"
                        + p.currentTokenLocation().getColumnNr() + ": unexpected content after the policy document"));
            }
        } catch (PolicyNode.DuplicateKey e) {
            throw new PolicyException(List.of(sourceName + ":" + e.line + ":" + e.column + ": " + e.getMessage()));
        } catch (PolicyNode.Refused e) {
            throw new PolicyException(List.of(sourceName + ":" + e.line + ":" + e.column + ": " + e.getMessage()));
        } catch (JsonProcessingException e) {
            var at = e.getLocation() != null ? e.getLocation() : null;
            String where = at == null || at.getLineNr() < 0 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new PolicyException(List.of(sourceName + where + ": not valid " + (isJson ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            throw new PolicyException(List.of(sourceName + ": cannot be read: " + e.getMessage()));
        }
        return new PolicyReader(sourceName, fallbackName).read(root);
    }
}
