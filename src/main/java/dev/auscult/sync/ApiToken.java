package dev.auscult.sync;

/** The device's API token. Its toString never shows the value, so it cannot leak into logs or errors. */
public record ApiToken(String value) {

    public ApiToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an API token cannot be empty");
        }
    }

    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }
}
