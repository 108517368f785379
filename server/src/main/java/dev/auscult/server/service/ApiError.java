package dev.auscult.server.service;

import java.time.Duration;
import java.util.Optional;

/**
 * A refusal the agent contract defines (docs/backend-contract.md): the code goes into the GraphQL
 * error's {@code extensions.code}. THROTTLED becomes HTTP 429 with Retry-After instead.
 */
public final class ApiError extends RuntimeException {

    public enum Code { INVALID_CODE, CODE_ALREADY_USED, UNKNOWN_ACCOUNT, UNAUTHENTICATED, FORBIDDEN, BAD_REQUEST, THROTTLED }

    private final Code code;
    private final Optional<Duration> retryAfter;
    private final Optional<String> reason;

    public ApiError(Code code, String message) {
        this(code, message, Optional.empty());
    }

    public ApiError(Code code, String message, Optional<Duration> retryAfter) {
        this(code, message, retryAfter, Optional.empty());
    }

    /** With {@code extensions.reason}: a finer word under the code (INVALID_CODE: EXPIRED, REPLACED, REVOKED) that older agents ignore. */
    public ApiError(Code code, String message, Optional<Duration> retryAfter, Optional<String> reason) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
        this.reason = reason;
    }

    public Optional<String> reason() {
        return reason;
    }

    public Code code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
