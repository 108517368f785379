package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link DeliveryStore} in SQL. */
final class JdbiDeliveryStore implements DeliveryStore {

    private static final String TARGETS = "SELECT t.id, t.account_id, t.kind, t.name, t.url, t.audience, t.created_at, t.created_by, t.disabled_at, "
            + "t.last_success_at, t.last_error, t.last_error_at, t.paused_at, t.events_requested, t.description, "
            + "(SELECT count(*) FROM deliveries d WHERE d.target_id = t.id AND d.sent_at IS NULL) AS backlog FROM delivery_targets t";

    private final Handle h;
    private final boolean skipLocked;

    /** {@code skipLocked}: the engine can skip rows another transaction holds (PostgreSQL); SQLite has one writer anyway. */
    JdbiDeliveryStore(Handle h, boolean skipLocked) {
        this.h = h;
        this.skipLocked = skipLocked;
    }

    @Override
    public long addTarget(Account account, DeliveryTarget.Kind kind, String name, String url, Optional<String> secret, Optional<String> audience,
                          Instant at, String by) {
        return h.createUpdate("INSERT INTO delivery_targets (account_id, kind, name, url, secret, audience, created_at, created_by) "
                        + "VALUES (:a, :k, :n, :u, :s, :aud, :now, :by)")
                .bind("a", account.id()).bind("k", kind.name()).bind("n", name).bind("u", url).bind("s", secret.orElse(null))
                .bind("aud", audience.orElse(null)).bind("now", at).bind("by", by).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Override
    public boolean disableTarget(Account account, long id, Instant at) {
        return h.createUpdate("UPDATE delivery_targets SET disabled_at = :now WHERE id = :id AND account_id = :a AND disabled_at IS NULL")
                .bind("now", at).bind("id", id).bind("a", account.id()).execute() == 1;
    }

    @Override
    public void describeStream(Account account, long id, Optional<String> eventsRequested, Optional<String> description) {
        h.createUpdate("UPDATE delivery_targets SET events_requested = :e, description = :d WHERE id = :id AND account_id = :a AND kind = 'SSF'")
                .bind("e", eventsRequested.orElse(null)).bind("d", description.orElse(null)).bind("id", id).bind("a", account.id()).execute();
    }

    @Override
    public void pauseStream(Account account, long id, Optional<Instant> pausedAt) {
        h.createUpdate("UPDATE delivery_targets SET paused_at = :p WHERE id = :id AND account_id = :a AND kind = 'SSF'")
                .bindByType("p", pausedAt.orElse(null), Instant.class).bind("id", id).bind("a", account.id()).execute();
    }

    @Override
    public List<DeliveryTarget> targets(Account account) {
        return h.createQuery(TARGETS + " WHERE t.account_id = :a ORDER BY t.id").bind("a", account.id()).map((rs, ctx) -> target(rs)).list();
    }

    @Override
    public Optional<DeliveryTarget> target(Account account, long id) {
        return h.createQuery(TARGETS + " WHERE t.account_id = :a AND t.id = :id").bind("a", account.id()).bind("id", id)
                .map((rs, ctx) -> target(rs)).findOne();
    }

    @Override
    public List<Long> activeTargetsTaking(Account account, String eventUri) {
        // the report path runs this for every report: one indexed query, no backlog counts
        return h.createQuery("SELECT id, kind, events_requested FROM delivery_targets WHERE account_id = :a AND disabled_at IS NULL")
                .bind("a", account.id())
                .map((rs, ctx) -> DeliveryTarget.Kind.SSF.name().equals(rs.getString(2)) && rs.getString(3) != null
                        && !List.of(rs.getString(3).split(" ")).contains(eventUri) ? -1L : rs.getLong(1))
                .list().stream().filter(id -> id >= 0).toList();
    }

    @Override
    public List<Long> tailscaleTargetsNotToldSince(Account account, String deviceId, Instant since) {
        return h.createQuery("SELECT t.id FROM delivery_targets t WHERE t.account_id = :a AND t.kind = 'TAILSCALE' AND t.disabled_at IS NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.target_id = t.id AND d.device_id = :d AND d.created_at > :since)")
                .bind("a", account.id()).bind("d", deviceId).bind("since", since).mapTo(Long.class).list();
    }

    @Override
    public LastTold lastTold(Account account, String deviceId) {
        record Latest(Optional<String> report, Optional<String> status, boolean silent) {
        }
        Optional<Latest> latest = h.createQuery("SELECT latest_report, latest_status, stale_pushed_at FROM devices WHERE id = :d AND account_id = :a")
                .bind("d", deviceId).bind("a", account.id())
                .map((rs, ctx) -> new Latest(Columns.text(rs, "latest_report"), Columns.text(rs, "latest_status"), rs.getTimestamp(3) != null))
                .findOne();
        if (latest.isEmpty() || latest.get().silent() || latest.get().report().isEmpty()) {
            return new LastTold(latest.map(Latest::silent).orElse(false), Optional.empty(), java.util.Set.of(), false);
        }
        var failing = new HashSet<>(h.createQuery("SELECT practice FROM report_practices WHERE device_id = :d AND report_id = :r "
                + "AND verdict IN ('FAIL', 'UNKNOWN')").bind("d", deviceId).bind("r", latest.get().report().get()).mapTo(String.class).list());
        return new LastTold(false, latest.get().status(), failing, true);
    }

    @Override
    public Optional<DeviceCard> card(Account account, String deviceId) {
        return h.createQuery("SELECT owner_email, hostname, platform FROM devices WHERE id = :d AND account_id = :a").bind("d", deviceId)
                .bind("a", account.id()).map((rs, ctx) -> new DeviceCard(rs.getString(1), rs.getString(2), rs.getString(3))).findOne();
    }

    @Override
    public void enqueue(Account account, String deviceId, List<Long> targetIds, String eventId, String eventType, String payload, Instant at) {
        var batch = h.prepareBatch("INSERT INTO deliveries (target_id, account_id, event_id, event_type, device_id, payload, created_at, "
                + "next_attempt_at, attempts) SELECT id, account_id, :e, :type, :d, :p, :now, :now, 0 FROM delivery_targets WHERE id = :t AND account_id = :a");
        for (long t : targetIds) {
            batch.bind("t", t).bind("a", account.id()).bind("e", eventId).bind("type", eventType).bind("d", deviceId).bind("p", payload)
                    .bind("now", at).add();
        }
        batch.execute();
    }

    @Override
    public List<Silent> silentAcrossAccounts(Instant cutoff, int limit) {
        return h.createQuery("SELECT d.id, d.account_id, d.last_seen_at FROM devices d WHERE d.revoked_at IS NULL AND d.stale_pushed_at IS NULL "
                        + "AND d.last_seen_at < :cutoff AND EXISTS (SELECT 1 FROM delivery_targets t WHERE t.account_id = d.account_id "
                        + "AND t.disabled_at IS NULL) ORDER BY d.last_seen_at LIMIT :n")
                .bind("cutoff", cutoff).bind("n", limit)
                .map((rs, ctx) -> new Silent(new Account(rs.getString(2)), rs.getString(1), Columns.instant(rs, "last_seen_at"))).list();
    }

    @Override
    public boolean markToldSilent(Account account, String deviceId, Instant at) {
        return h.createUpdate("UPDATE devices SET stale_pushed_at = :now WHERE id = :d AND account_id = :a AND stale_pushed_at IS NULL")
                .bind("now", at).bind("d", deviceId).bind("a", account.id()).execute() == 1;
    }

    @Override
    public List<ClaimedDelivery> claimAcrossAccounts(String worker, int max, Instant now, Instant until) {
        String due = "SELECT id FROM deliveries WHERE sent_at IS NULL AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now) "
                + "AND target_id NOT IN (SELECT id FROM delivery_targets WHERE paused_at IS NOT NULL) "
                + "ORDER BY id LIMIT :max" + (skipLocked ? " FOR UPDATE SKIP LOCKED" : "");
        List<Long> ids = h.createQuery(due).bind("now", now).bind("max", max).mapTo(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        h.createUpdate("UPDATE deliveries SET claimed_by = :w, claimed_until = :until WHERE id IN (<ids>) AND sent_at IS NULL "
                        + "AND (claimed_until IS NULL OR claimed_until < :now)")
                .bindList("ids", ids).bind("w", worker).bind("until", until).bind("now", now).execute();
        return h.createQuery("SELECT d.id, d.target_id, d.event_id, d.event_type, d.device_id, d.payload, d.attempts, d.created_at, d.account_id, "
                        + "t.kind, t.url, t.secret, t.audience FROM deliveries d JOIN delivery_targets t ON t.id = d.target_id "
                        + "WHERE d.id IN (<ids>) AND d.claimed_by = :w AND d.claimed_until = :until ORDER BY d.id")
                .bindList("ids", ids).bind("w", worker).bind("until", until)
                .map((rs, ctx) -> new ClaimedDelivery(rs.getLong("id"), rs.getLong("target_id"), DeliveryTarget.Kind.valueOf(rs.getString("kind")),
                        rs.getString("url"), Columns.text(rs, "secret"), Columns.text(rs, "audience"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getString("device_id"), rs.getString("payload"), rs.getInt("attempts"),
                        Columns.instant(rs, "created_at"), rs.getString("account_id"))).list();
    }

    @Override
    public void releaseAcrossAccounts(String worker) {
        h.createUpdate("UPDATE deliveries SET claimed_until = NULL WHERE claimed_by = :w AND sent_at IS NULL").bind("w", worker).execute();
    }

    @Override
    public void markSentAcrossAccounts(List<ClaimedDelivery> received, List<String> statuses, Instant at) {
        var rows = h.prepareBatch("UPDATE deliveries SET sent_at = :now, last_status = :s, attempts = attempts + 1, claimed_until = NULL WHERE id = :id");
        for (int i = 0; i < received.size(); i++) {
            rows.bind("now", at).bind("s", statuses.get(i)).bind("id", received.get(i).id()).add();
        }
        rows.execute();
        h.createUpdate("UPDATE delivery_targets SET last_success_at = :now WHERE id IN (<ids>)").bind("now", at)
                .bindList("ids", received.stream().map(ClaimedDelivery::targetId).distinct().toList()).execute();
    }

    @Override
    public void markFailedAcrossAccounts(ClaimedDelivery delivery, String status, Instant next, Instant at) {
        h.createUpdate("UPDATE deliveries SET next_attempt_at = :next, last_status = :s, attempts = attempts + 1, claimed_until = NULL WHERE id = :id")
                .bind("next", next).bind("s", status).bind("id", delivery.id()).execute();
        h.createUpdate("UPDATE delivery_targets SET last_error = :s, last_error_at = :now WHERE id = :t").bind("s", status).bind("now", at)
                .bind("t", delivery.targetId()).execute();
    }

    @Override
    public List<Sent> lastForDevice(Account account, String deviceId, int limit) {
        return h.createQuery("SELECT d.event_type, t.name, d.sent_at, d.last_status, d.created_at FROM deliveries d "
                        + "JOIN delivery_targets t ON t.id = d.target_id WHERE d.account_id = :a AND d.device_id = :dev ORDER BY d.id DESC LIMIT :n")
                .bind("a", account.id()).bind("dev", deviceId).bind("n", limit)
                .map((rs, ctx) -> new Sent(rs.getString(1), rs.getString(2), Columns.maybeInstant(rs, "sent_at"), Columns.text(rs, "last_status"),
                        Columns.instant(rs, "created_at"))).list();
    }

    @Override
    public Optional<LatestReport> latestReport(Account account, String deviceId) {
        return h.createQuery("SELECT d.device_uuid, d.owner_email, r.body FROM devices d LEFT JOIN reports r "
                        + "ON r.device_id = d.id AND r.report_id = d.latest_report WHERE d.id = :d AND d.account_id = :a")
                .bind("d", deviceId).bind("a", account.id())
                .map((rs, ctx) -> new LatestReport(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)))).findOne();
    }

    @Override
    public int backlog(Account account) {
        return h.createQuery("SELECT count(*) FROM deliveries WHERE account_id = :a AND sent_at IS NULL").bind("a", account.id())
                .mapTo(Integer.class).one();
    }

    private static DeliveryTarget target(ResultSet rs) throws SQLException {
        return new DeliveryTarget(rs.getLong("id"), rs.getString("account_id"), DeliveryTarget.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("url"), Columns.text(rs, "audience"), Columns.instant(rs, "created_at"), rs.getString("created_by"),
                Columns.maybeInstant(rs, "disabled_at"), Columns.maybeInstant(rs, "last_success_at"), Columns.text(rs, "last_error"),
                Columns.maybeInstant(rs, "last_error_at"), rs.getInt("backlog"), Columns.maybeInstant(rs, "paused_at"),
                Columns.text(rs, "events_requested"), Columns.text(rs, "description"));
    }
}
