package dev.auscult.posture;

/** Which policy a report was evaluated against: where it came from and its name. */
public record PolicyRef(String source, String name) {
}
