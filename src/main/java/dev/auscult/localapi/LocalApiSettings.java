package dev.auscult.localapi;

import java.time.Duration;

/**
 * @param freshness       how long a scan answers web requests before a new one runs
 * @param requestsPerMinute per origin; more get 429 with Retry-After
 */
public record LocalApiSettings(int port, OriginRules origins, Duration freshness, int requestsPerMinute, int maxBodyBytes) {

    public static final int DEFAULT_PORT = 37370;

    public static LocalApiSettings defaults(OriginRules origins) {
        return new LocalApiSettings(DEFAULT_PORT, origins, Duration.ofSeconds(60), 60, 64 * 1024);
    }
}
