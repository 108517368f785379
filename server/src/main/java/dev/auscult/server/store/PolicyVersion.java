package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** One published version of an account's policy; {@code sourceText}: the text as written (versions published before it was kept have only the document). */
public record PolicyVersion(int version, String name, String sourceName, String document, Instant createdAt, String createdBy,
                            Optional<String> sourceText) {
}
