package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code delivery_targets} and {@code deliveries} tables (the posture outbox), and the columns of a device the
 * outbox reads or owns (its latest posture, {@code stale_pushed_at}). An account's targets and its events are reached
 * through its {@link Account}; the workers that send, and the sweep that tells of silent devices, serve every account
 * at once — their methods say so, and a claimed row is the only way to a delivery's secret.
 */
public interface DeliveryStore {

    /** Returns the new target's id. */
    long addTarget(Account account, DeliveryTarget.Kind kind, String name, String url, Optional<String> secret, Optional<String> audience,
                   Instant at, String by);

    /** False when the account has no such active target. */
    boolean disableTarget(Account account, long id, Instant at);

    /** What a Shared Signals receiver asked for and its description (each empty: none). */
    void describeStream(Account account, long id, Optional<String> eventsRequested, Optional<String> description);

    /** A stream paused (events wait) from a time, or enabled again (empty). */
    void pauseStream(Account account, long id, Optional<Instant> pausedAt);

    List<DeliveryTarget> targets(Account account);

    Optional<DeliveryTarget> target(Account account, long id);

    /** The active targets that take events of this type (its Shared Signals URI): every one, but a stream only what it asked for. */
    List<Long> activeTargetsTaking(Account account, String eventUri);

    /** The Tailscale targets that have not been told of this device since a time (their attributes are renewed). */
    List<Long> tailscaleTargetsNotToldSince(Account account, String deviceId, Instant since);

    /** What the targets last heard of a device: its latest report's status and failing practices, or that it was pushed as silent. */
    record LastTold(boolean pushedAsSilent, Optional<String> status, Set<String> failing, boolean reported) {
    }

    LastTold lastTold(Account account, String deviceId);

    /** The device as an event names it; empty for one not in the account (a test event's made-up device). */
    record DeviceCard(String owner, String hostname, String platform) {
    }

    Optional<DeviceCard> card(Account account, String deviceId);

    /** One delivery per target, due now. */
    void enqueue(Account account, String deviceId, List<Long> targetIds, String eventId, String eventType, String payload, Instant at);

    /** A device that has not reported since a cutoff, in an account with an active target, and not yet told of. */
    record Silent(Account account, String deviceId, Instant lastSeen) {
    }

    List<Silent> silentAcrossAccounts(Instant cutoff, int limit);

    /** Marks a silent device as told of; false when it was already (another instance told it). */
    boolean markToldSilent(Account account, String deviceId, Instant at);

    /**
     * Claims up to {@code max} due deliveries of every account for one worker until {@code until}: a row another worker
     * holds is skipped (on PostgreSQL without waiting, SKIP LOCKED) and the claim is re-checked on the row itself, so two
     * instances never send the same delivery at once; a paused stream's deliveries wait.
     */
    List<ClaimedDelivery> claimAcrossAccounts(String worker, int max, Instant now, Instant until);

    /** A stopping worker hands back what it claimed and did not send. */
    void releaseAcrossAccounts(String worker);

    /** Claimed deliveries received by their targets (statuses in the same order), in one batch. */
    void markSentAcrossAccounts(List<ClaimedDelivery> received, List<String> statuses, Instant at);

    /** A claimed delivery not received: due again at {@code next}; its target shows the error. */
    void markFailedAcrossAccounts(ClaimedDelivery delivery, String status, Instant next, Instant at);

    /** A delivery as a device's page lists it. */
    record Sent(String eventType, String targetName, Optional<Instant> sentAt, Optional<String> lastStatus, Instant createdAt) {
    }

    List<Sent> lastForDevice(Account account, String deviceId, int limit);

    /** A device's hardware ID, owner and latest report (its JSON), read when a JupiterOne delivery is sent. */
    record LatestReport(String deviceUuid, String owner, Optional<String> body) {
    }

    Optional<LatestReport> latestReport(Account account, String deviceId);

    /** Deliveries of the account not yet sent. */
    int backlog(Account account);
}
