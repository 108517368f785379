package dev.auscult.sync;

import java.time.Duration;
import java.util.Optional;

/** A backend call that did not succeed, classified so callers can react (retry, re-activate, tell the user). */
public final class BackendException extends Exception {

    public enum Kind {
        /** The backend could not be reached (DNS, refused, timeout, TLS). */
        NETWORK,
        /** 429 or 503: try again later, after retryAfter when given. */
        THROTTLED,
        /** Another 5xx, or a GraphQL error that is not one of the contract's refusals (INTERNAL, an unknown code, none). */
        SERVER,
        /** 401/403 or UNAUTHENTICATED/FORBIDDEN: the token is no longer accepted. */
        UNAUTHORIZED,
        INVALID_CODE,
        /** INVALID_CODE with extensions.reason EXPIRED: the code was right but its time is over. */
        CODE_EXPIRED,
        /** INVALID_CODE with extensions.reason REPLACED: a newer code was sent to the person; that one works. */
        CODE_REPLACED,
        CODE_ALREADY_USED,
        UNKNOWN_ACCOUNT,
        /**
         * The answer is not one the contract defines (HTTP 404/413/3xx, not JSON, no data, too large): the
         * backend or something in front of it is misconfigured. Retried; never a reason to drop a report.
         */
        PROTOCOL,
        /** The backend refused the request itself as malformed (BAD_REQUEST): the contract's one final refusal of a report. */
        REJECTED
    }

    private final Kind kind;
    private final Optional<Duration> retryAfter;

    public BackendException(Kind kind, String message, Optional<Duration> retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public BackendException(Kind kind, String message) {
        this(kind, message, Optional.empty());
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return kind == Kind.NETWORK || kind == Kind.THROTTLED || kind == Kind.SERVER || kind == Kind.PROTOCOL;
    }
}
