package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Tokens in a JSON file readable by the user only (0600 / owner-only ACL), written atomically. */
public final class FileCredentialStore implements CredentialStore {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public FileCredentialStore(Path file) {
        this.file = file;
    }

    @Override
    public String description() {
        return "file " + file + " (readable by you only)";
    }

    @Override
    public synchronized void save(String accountId, ApiToken token) throws IOException {
        ObjectNode root = read();
        root.put(accountId, token.value());
        AtomicFiles.writePrivate(file, json.writeValueAsString(root));
    }

    @Override
    public synchronized Optional<ApiToken> load(String accountId) throws IOException {
        JsonNode v = read().get(accountId);
        return v == null || v.asText().isBlank() ? Optional.empty() : Optional.of(new ApiToken(v.asText()));
    }

    @Override
    public synchronized void delete(String accountId) throws IOException {
        ObjectNode root = read();
        if (root.remove(accountId) != null) {
            AtomicFiles.writePrivate(file, json.writeValueAsString(root));
        }
    }

    private ObjectNode read() throws IOException {
        try {
            JsonNode n = json.readTree(Files.readString(file));
            return n instanceof ObjectNode o ? o : json.createObjectNode();
        } catch (NoSuchFileException e) {
            return json.createObjectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // never echo the file's content: it holds secrets
            throw new IOException("the credentials file " + file + " is damaged; activate again to replace it");
        }
    }
}
