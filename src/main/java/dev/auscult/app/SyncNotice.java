package dev.auscult.app;

import dev.auscult.sync.BackendException;

/**
 * What reporting and activation have to tell the person, as facts the window puts in their language — never the
 * transport's words ("ConnectException", "HTTP 404 without data"); those stay in the log and the debug info.
 */
public sealed interface SyncNotice {

    /** Good news, shown as information rather than as a problem. */
    default boolean problem() {
        return true;
    }

    /** The organisation's MDM configuration activated this device at start. */
    record ManagedActivated(String email, String account) implements SyncNotice {
        @Override
        public boolean problem() {
            return false;
        }
    }

    /** The MDM configuration's activation was refused or could not reach the server. */
    record ManagedActivationFailed(BackendException.Kind kind) implements SyncNotice {
    }

    /** The backend no longer accepts this device (revoked): activate again. */
    record DeviceNotAccepted() implements SyncNotice {
    }

    /**
     * The backend cannot be reached or failed: results wait and are sent later. {@code lastDelivered}: when a report
     * last reached it — after {@link #NOT_SEEN_AFTER} without one, the organisation counts the device as not seen, and
     * sign-ins and network access that check it may be refused: the person is told why.
     */
    record BackendUnreachable(java.util.Optional<java.time.Instant> lastDelivered) implements SyncNotice {

        /** The server's default for "not seen" (a policy's auscult.signIn.notSeenHours, the push's stale sweep). */
        public static final java.time.Duration NOT_SEEN_AFTER = dev.auscult.policy.SignInRules.DEFAULT_NOT_SEEN;

        public boolean notSeenSince(java.time.Instant now) {
            return lastDelivered.filter(t -> t.plus(NOT_SEEN_AFTER).isBefore(now)).isPresent();
        }
    }

    /** A scan result could not be saved for upload (the disk, the outbox). */
    record ReportNotSaved() implements SyncNotice {
    }

    /** The organisation sent a policy that could not be used; the previous one stays in force. */
    record PolicyUnusable() implements SyncNotice {
    }
}
