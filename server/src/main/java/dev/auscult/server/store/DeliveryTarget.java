package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an account's posture changes go, as kept; {@code backlog}: changes waiting to be sent to it. A Shared Signals
 * stream is a target too, with what its receiver asked for ({@code eventsRequested}, event type URIs separated by
 * spaces; empty: everything) and its description.
 */
public record DeliveryTarget(long id, String accountId, Kind kind, String name, String url, Optional<String> audience, Instant createdAt,
                             String createdBy, Optional<Instant> disabledAt, Optional<Instant> lastSuccessAt, Optional<String> lastError,
                             Optional<Instant> lastErrorAt, int backlog, Optional<Instant> pausedAt, Optional<String> eventsRequested,
                             Optional<String> description) {

    /**
     * A signed webhook, an OpenID Shared Signals receiver, Tailscale's device posture attributes (url: its API; audience:
     * the tailnet, {@code -} for the token's own; secret: an API access token), or a JupiterOne account (url: its API;
     * audience: the account ID; secret: an API key that may write through the Synchronization API).
     */
    public enum Kind { WEBHOOK, SSF, TAILSCALE, JUPITERONE }

    /** The kind as the console names it. */
    public String kindLabel() {
        return switch (kind) {
            case WEBHOOK -> "webhook";
            case SSF -> "Shared Signals";
            case TAILSCALE -> "Tailscale posture";
            case JUPITERONE -> "JupiterOne";
        };
    }
}
