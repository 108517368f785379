package dev.auscult.server.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The delivery outbox: where an account's posture changes go (signed webhooks, Shared Signals receivers), and one row
 * per target and change, written in the same transaction as the report (or revocation) that made the change — so an
 * acknowledged change is never lost, whatever happens to the sending. Workers claim due rows (one claimant at a time,
 * even across server instances), send them, and mark them sent or due again later.
 */
public final class Deliveries {

    /**
     * Where changes go: a signed webhook, an OpenID Shared Signals receiver, or Tailscale's device posture attributes
     * (url: its API, {@code https://api.tailscale.com/api/v2}; audience: the tailnet, {@code -} for the token's own;
     * secret: an API access token), or a JupiterOne account (url: its API, {@code https://api.us.jupiterone.io};
     * audience: the account ID; secret: an API key that may write through the Synchronization API).
     */
    public enum Kind { WEBHOOK, SSF, TAILSCALE, JUPITERONE }

    /** JupiterOne's API in its US region: the URL a JupiterOne target has unless its account lives elsewhere. */
    public static final String JUPITERONE_API = "https://api.us.jupiterone.io";

    /**
     * Tailscale's attributes carry an expiry (the last report plus {@link #STALE}): so that they lapse — fail closed —
     * if Auscult itself goes silent, a device that keeps reporting the same posture has them renewed this often.
     */
    public static final Duration TAILSCALE_RENEW = Duration.ofHours(6);

    /** A target as the console shows it; {@code backlog}: changes waiting to be sent to it. */
    public record Target(long id, String accountId, Kind kind, String name, String url, Optional<String> audience, Instant createdAt,
                         String createdBy, Optional<Instant> disabledAt, Optional<Instant> lastSuccessAt, Optional<String> lastError,
                         Optional<Instant> lastErrorAt, int backlog, Optional<Instant> pausedAt) {

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

    /** A new target; a webhook's signing secret is shown once (in a download), then only used. */
    public record Made(Target target, Optional<String> secret) {
        @Override
        public String toString() {
            return "Made[" + target.name() + ", secret redacted]";
        }
    }

    /** A delivery claimed for sending: what to send and where. {@code secret}: the webhook's key, or an SSF receiver's bearer token. */
    public record Claimed(long id, long targetId, Kind kind, String url, Optional<String> secret, Optional<String> audience, String eventId,
                          String eventType, String deviceId, String payload, int attempts, Instant createdAt, String accountId) {
        @Override
        public String toString() {
            return "Claimed[" + id + " " + eventType + " to target " + targetId + "]";
        }
    }

    public static final String COMPLIANCE_CHANGED = "device.compliance-changed";
    public static final String REVOKED = "device.revoked";
    /** A Shared Signals stream's verification event, asked for by its receiver (SSF 1.0 §8.1.4). */
    public static final String VERIFICATION = "ssf.verification";
    static final Duration CLAIM = Duration.ofSeconds(60);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final boolean postgres;
    private final ObjectMapper json = new ObjectMapper();

    public Deliveries(Jdbi jdbi, Secrets secrets, Audit audit, Clock clock, boolean postgres) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.postgres = postgres;
    }

    public Made add(String accountId, Kind kind, String name, String url, Optional<String> audience, Optional<String> bearer, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a target needs a name of 1 to 100 characters");
        }
        checkUrl(url);
        Optional<String> given = audience.map(String::strip).filter(a -> !a.isEmpty());
        // Tailscale: the tailnet, "-" for the API token's own
        Optional<String> aud = kind == Kind.TAILSCALE ? Optional.of(given.orElse("-")) : given;
        if (kind == Kind.SSF && aud.isEmpty()) {
            throw new IllegalArgumentException("a Shared Signals receiver needs its audience (the aud it expects in each event, e.g. its own URL)");
        }
        if (kind == Kind.JUPITERONE) {
            if (aud.filter(a -> a.matches("[A-Za-z0-9:_-]{1,100}")).isEmpty()) {
                throw new IllegalArgumentException("JupiterOne needs its account ID (JupiterOne: Settings → Account → Account ID)");
            }
            if (bearer.map(String::strip).filter(b -> !b.isEmpty()).isEmpty()) {
                throw new IllegalArgumentException("JupiterOne needs an API key that may write through its Synchronization API");
            }
        }
        if (kind == Kind.TAILSCALE) {
            if (!aud.get().matches("[A-Za-z0-9._@-]{1,200}")) {
                throw new IllegalArgumentException("the tailnet is its name as Tailscale shows it (e.g. example.com), or - for the API token's own");
            }
            if (bearer.map(String::strip).filter(b -> !b.isEmpty()).isEmpty()) {
                throw new IllegalArgumentException("Tailscale needs an API access token (tskey-api-…) that may write device posture attributes");
            }
        }
        // Standard Webhooks' form: whsec_ and the base64 of 32 random bytes
        Optional<String> secret = kind == Kind.WEBHOOK
                ? Optional.of("whsec_" + java.util.Base64.getEncoder().encodeToString(java.util.Base64.getUrlDecoder().decode(secrets.token(""))))
                : bearer.map(String::strip).filter(b -> !b.isEmpty());
        Instant now = clock.instant();
        long id = jdbi.inTransaction(h -> {
            long made = h.createUpdate("INSERT INTO delivery_targets (account_id, kind, name, url, secret, audience, created_at, created_by) "
                            + "VALUES (:a, :k, :n, :u, :s, :aud, :now, :by)")
                    .bind("a", accountId).bind("k", kind.name()).bind("n", n).bind("u", url.strip()).bind("s", secret.orElse(null))
                    .bind("aud", aud.orElse(null)).bind("now", now).bind("by", actor).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            audit.record(Optional.of(accountId), actor, "push.target", (switch (kind) {
                case WEBHOOK -> "webhook";
                case SSF -> "Shared Signals receiver";
                case TAILSCALE -> "Tailscale tailnet";
                case JUPITERONE -> "JupiterOne account " + aud.orElse("");
            }) + " \u201c" + n
                    + "\u201d added (" + url.strip() + ")");
            return made;
        });
        return new Made(find(accountId, id).orElseThrow(), kind == Kind.WEBHOOK ? secret : Optional.empty());
    }

    /** https anywhere; http only to this machine (a receiver under test or beside the server). */
    static void checkUrl(String url) {
        try {
            URI u = new URI(url == null ? "" : url.strip());
            boolean loopback = "http".equals(u.getScheme()) && ("localhost".equals(u.getHost()) || "127.0.0.1".equals(u.getHost()));
            if (u.getHost() == null || !("https".equals(u.getScheme()) || loopback) || u.getRawFragment() != null || url.length() > 1000) {
                throw new IllegalArgumentException("a target's URL must be https:// (http:// only on this machine)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the target's URL is not a URL");
        }
    }

    public boolean disable(String accountId, long id, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        return jdbi.inTransaction(h -> {
            boolean done = h.createUpdate("UPDATE delivery_targets SET disabled_at = :now WHERE id = :id AND account_id = :a AND disabled_at IS NULL")
                    .bind("now", clock.instant()).bind("id", id).bind("a", accountId).execute() == 1;
            if (done) {
                audit.record(Optional.of(accountId), actor, "push.target", "target #" + id + " disabled; what it had not received is kept");
            }
            return done;
        });
    }

    public List<Target> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(TARGETS + " WHERE t.account_id = :a ORDER BY t.id").bind("a", accountId).map((rs, ctx) -> target(rs)).list());
    }

    public Optional<Target> find(String accountId, long id) {
        return jdbi.withHandle(h -> h.createQuery(TARGETS + " WHERE t.account_id = :a AND t.id = :id").bind("a", accountId).bind("id", id)
                .map((rs, ctx) -> target(rs)).findOne());
    }

    private static final String TARGETS = "SELECT t.*, (SELECT count(*) FROM deliveries d WHERE d.target_id = t.id AND d.sent_at IS NULL) AS backlog "
            + "FROM delivery_targets t";

    private static Target target(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Target(rs.getLong("id"), rs.getString("account_id"), Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("url"),
                Optional.ofNullable(rs.getString("audience")), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                Optional.ofNullable(rs.getTimestamp("disabled_at")).map(java.sql.Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp("last_success_at")).map(java.sql.Timestamp::toInstant), Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(rs.getTimestamp("last_error_at")).map(java.sql.Timestamp::toInstant), rs.getInt("backlog"),
                Optional.ofNullable(rs.getTimestamp("paused_at")).map(java.sql.Timestamp::toInstant));
    }

    /** What a device's new report says, against what its previous one said. */
    public record Posture(String status, Set<String> failing) {
        public boolean compliant() {
            return status.equals("PASS") || status.equals("NUDGE");
        }
    }

    /**
     * In the report's transaction, before the device's row takes the new report: a change of the device's compliance or
     * of its failing practices becomes one delivery per active target of the account. When the account has no target,
     * one indexed query and nothing more: the previous report is not even read. Joins the caller's unit of work.
     */
    public void reported(String accountId, String deviceId, Posture after) {
        jdbi.useTransaction(h -> reported(h, accountId, deviceId, after));
    }

    private void reported(Handle h, String accountId, String deviceId, Posture after) {
        List<Long> targets = activeTargets(h, accountId, COMPLIANCE_CHANGED);
        if (targets.isEmpty()) {
            return;
        }
        Optional<Posture> before = previous(h, deviceId);
        if (before.isPresent() && before.get().equals(after)) {
            renewTailscale(h, accountId, deviceId, after);
            return;
        }
        ObjectNode event = compliance(event(h, COMPLIANCE_CHANGED, accountId, deviceId), before, after);
        enqueue(h, accountId, deviceId, targets, event);
    }

    /** A compliance event's fields: what it was ("unknown" for a first report), what it is, why. */
    private static ObjectNode compliance(ObjectNode event, Optional<Posture> before, Posture after) {
        event.put("previous", before.map(b -> b.compliant() ? "compliant" : "not-compliant").orElse("unknown"));
        event.put("current", after.compliant() ? "compliant" : "not-compliant");
        event.put("status", after.status());
        after.failing().stream().sorted().forEach(event.withArray("failingPractices")::add);
        event.put("reason", after.compliant() ? "the device passes the policy"
                : "failing or unknown: " + String.join(", ", after.failing().stream().sorted().toList()));
        return event;
    }

    /** An unchanged posture renews a Tailscale tailnet's expiring attributes now and then (see {@link #TAILSCALE_RENEW}). */
    private void renewTailscale(Handle h, String accountId, String deviceId, Posture now) {
        List<Long> due = h.createQuery("SELECT t.id FROM delivery_targets t WHERE t.account_id = :a AND t.kind = 'TAILSCALE' AND t.disabled_at IS NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.target_id = t.id AND d.device_id = :d AND d.created_at > :since)")
                .bind("a", accountId).bind("d", deviceId).bind("since", clock.instant().minus(TAILSCALE_RENEW)).mapTo(Long.class).list();
        if (due.isEmpty()) {
            return;
        }
        ObjectNode event = compliance(event(h, COMPLIANCE_CHANGED, accountId, deviceId), Optional.of(now), now).put("renewal", true);
        enqueue(h, accountId, deviceId, due, event);
    }

    /** A test event to one target ("Send a test event"): a made-up device, marked as a test, through the same outbox. */
    public boolean test(String accountId, long targetId, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        return jdbi.inTransaction(h -> {
            boolean active = h.createQuery("SELECT count(*) FROM delivery_targets WHERE id = :id AND account_id = :a AND disabled_at IS NULL")
                    .bind("id", targetId).bind("a", accountId).mapTo(Integer.class).one() == 1;
            if (!active) {
                return false;
            }
            ObjectNode e = json.createObjectNode().put("id", secrets.id("evt-")).put("type", COMPLIANCE_CHANGED).put("occurredAt", clock.instant().toString())
                    .put("account", accountId).put("test", true);
            e.putObject("device").put("id", "dev_test").put("owner", "test@example.invalid").put("hostname", "test-device").put("platform", "linux");
            e.put("previous", "compliant").put("current", "compliant").put("status", "PASS").put("reason", "a test event sent by " + actor);
            enqueue(h, accountId, "dev_test", List.of(targetId), e);
            audit.record(Optional.of(accountId), actor, "push.test", "test event queued for target #" + targetId);
            return true;
        });
    }

    /** How long a device may go without a report before the targets are told it is not compliant (as sign-in's default). */
    public static final Duration STALE = Duration.ofHours(24);

    /**
     * Fails closed on silence: each active device of an account with targets that has not reported for {@link #STALE}
     * is pushed once as not compliant, "not seen since …". Marked in the same transaction, so one instance tells it.
     * Returns how many were told.
     */
    public int sweepStale() {
        Instant now = clock.instant();
        record Quiet(String id, String account, Instant lastSeen) {
        }
        List<Quiet> quiet = jdbi.withHandle(h -> h.createQuery("SELECT d.id, d.account_id, d.last_seen_at FROM devices d WHERE d.revoked_at IS NULL "
                        + "AND d.stale_pushed_at IS NULL AND d.last_seen_at < :cutoff AND EXISTS (SELECT 1 FROM delivery_targets t "
                        + "WHERE t.account_id = d.account_id AND t.disabled_at IS NULL) ORDER BY d.last_seen_at LIMIT 500")
                .bind("cutoff", now.minus(STALE)).map((rs, ctx) -> new Quiet(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list());
        int told = 0;
        for (Quiet q : quiet) {
            told += jdbi.inTransaction(h -> {
                if (h.createUpdate("UPDATE devices SET stale_pushed_at = :now WHERE id = :d AND stale_pushed_at IS NULL").bind("now", now).bind("d", q.id())
                        .execute() != 1) {
                    return 0;   // another instance told it
                }
                ObjectNode event = event(h, COMPLIANCE_CHANGED, q.account(), q.id());
                event.put("previous", "compliant").put("current", "not-compliant").put("status", "UNKNOWN").put("stale", true)
                        .put("reason", "not seen since " + q.lastSeen() + " (no report for more than " + STALE.toHours() + " h)");
                event.withArray("failingPractices").add("notSeen");
                enqueue(h, q.account(), q.id(), activeTargets(h, q.account(), COMPLIANCE_CHANGED), event);
                return 1;
            });
        }
        return told;
    }

    /** In the revocation's unit of work (joined): the device can no longer report or sign in. */
    public void revoked(String accountId, String deviceId, String actor) {
        jdbi.useTransaction(h -> revoked(h, accountId, deviceId, actor));
    }

    private void revoked(Handle h, String accountId, String deviceId, String actor) {
        List<Long> targets = activeTargets(h, accountId, REVOKED);
        if (targets.isEmpty()) {
            return;
        }
        ObjectNode event = event(h, REVOKED, accountId, deviceId);
        event.put("previous", "active").put("current", "revoked").put("reason", "revoked by " + actor);
        enqueue(h, accountId, deviceId, targets, event);
    }

    /**
     * What the targets last heard of the device: its latest report's posture — or, when it was pushed as "not seen"
     * (the report's UPDATE then clears the mark), not compliant, so its return is always a change; empty for a first report.
     */
    private static Optional<Posture> previous(Handle h, String deviceId) {
        return h.createQuery("SELECT latest_report, latest_status, stale_pushed_at FROM devices WHERE id = :d").bind("d", deviceId)
                .map((rs, ctx) -> rs.getTimestamp(3) != null ? Optional.of(new Posture("UNKNOWN", Set.of("notSeen")))
                        : rs.getString(1) == null ? Optional.<Posture>empty()
                        : Optional.of(new Posture(String.valueOf(rs.getString(2)), failing(h, deviceId, rs.getString(1))))).one();
    }

    /** The failing (FAIL or UNKNOWN) practices of a stored report: what a posture change is measured against. */
    private static Set<String> failing(Handle h, String deviceId, String reportId) {
        return new java.util.HashSet<>(h.createQuery("SELECT practice FROM report_practices WHERE device_id = :d AND report_id = :r "
                + "AND verdict IN ('FAIL', 'UNKNOWN')").bind("d", deviceId).bind("r", reportId).mapTo(String.class).list());
    }

    /** The account's targets that take this type of event: every active one, but a Shared Signals stream only what it asked for. */
    private static List<Long> activeTargets(Handle h, String accountId, String eventType) {
        String uri = SsfStreams.eventUri(eventType);
        return h.createQuery("SELECT id, kind, events_requested FROM delivery_targets WHERE account_id = :a AND disabled_at IS NULL").bind("a", accountId)
                .map((rs, ctx) -> Kind.SSF.name().equals(rs.getString(2)) && rs.getString(3) != null
                        && !List.of(rs.getString(3).split(" ")).contains(uri) ? -1L : rs.getLong(1))
                .list().stream().filter(id -> id >= 0).toList();
    }

    /** A verification event for one stream (its receiver asked): through the outbox like every other event. */
    void verification(Handle h, String accountId, long targetId, Optional<String> state) {
        ObjectNode e = json.createObjectNode().put("id", secrets.id("evt-")).put("type", VERIFICATION).put("occurredAt", clock.instant().toString())
                .put("account", accountId).put("stream", String.valueOf(targetId));
        state.ifPresent(st -> e.put("state", st));
        enqueue(h, accountId, "", List.of(targetId), e);
    }

    private ObjectNode event(Handle h, String type, String accountId, String deviceId) {
        ObjectNode e = json.createObjectNode().put("id", secrets.id("evt-")).put("type", type).put("occurredAt", clock.instant().toString())
                .put("account", accountId);
        ObjectNode device = e.putObject("device").put("id", deviceId);
        h.createQuery("SELECT owner_email, hostname, platform FROM devices WHERE id = :d").bind("d", deviceId)
                .map((rs, ctx) -> device.put("owner", rs.getString(1)).put("hostname", rs.getString(2)).put("platform", rs.getString(3))).findOne();
        return e;
    }

    private void enqueue(Handle h, String accountId, String deviceId, List<Long> targets, ObjectNode event) {
        Instant now = clock.instant();
        var batch = h.prepareBatch("INSERT INTO deliveries (target_id, account_id, event_id, event_type, device_id, payload, created_at, next_attempt_at, attempts) "
                + "VALUES (:t, :a, :e, :type, :d, :p, :now, :now, 0)");
        String payload = event.toString();
        for (long t : targets) {
            batch.bind("t", t).bind("a", accountId).bind("e", event.get("id").asText()).bind("type", event.get("type").asText()).bind("d", deviceId)
                    .bind("p", payload.length() > 8000 ? payload.substring(0, 8000) : payload).bind("now", now).add();
        }
        batch.execute();
    }

    /**
     * Claims up to {@code max} due deliveries for one worker for a minute: a row another worker holds is skipped (on
     * PostgreSQL without waiting, SKIP LOCKED), and the claim is re-checked on the row itself, so two instances never
     * send the same delivery at once. A claim that expires (a worker killed mid-send) is taken again.
     */
    public List<Claimed> claim(String worker, int max) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            // a paused stream's events wait for it to be enabled again
            String due = "SELECT id FROM deliveries WHERE sent_at IS NULL AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now) "
                    + "AND target_id NOT IN (SELECT id FROM delivery_targets WHERE paused_at IS NOT NULL) "
                    + "ORDER BY id LIMIT :max" + (postgres ? " FOR UPDATE SKIP LOCKED" : "");
            List<Long> ids = h.createQuery(due).bind("now", now).bind("max", max).mapTo(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            h.createUpdate("UPDATE deliveries SET claimed_by = :w, claimed_until = :until WHERE id IN (<ids>) AND sent_at IS NULL "
                            + "AND (claimed_until IS NULL OR claimed_until < :now)")
                    .bindList("ids", ids).bind("w", worker).bind("until", now.plus(CLAIM)).bind("now", now).execute();
            return h.createQuery("SELECT d.*, t.kind, t.url, t.secret, t.audience FROM deliveries d JOIN delivery_targets t ON t.id = d.target_id "
                            + "WHERE d.id IN (<ids>) AND d.claimed_by = :w AND d.claimed_until = :until ORDER BY d.id")
                    .bindList("ids", ids).bind("w", worker).bind("until", now.plus(CLAIM))
                    .map((rs, ctx) -> new Claimed(rs.getLong("id"), rs.getLong("target_id"), Kind.valueOf(rs.getString("kind")), rs.getString("url"),
                            Optional.ofNullable(rs.getString("secret")), Optional.ofNullable(rs.getString("audience")), rs.getString("event_id"),
                            rs.getString("event_type"), rs.getString("device_id"), rs.getString("payload"), rs.getInt("attempts"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("account_id"))).list();
        });
    }

    /** A stopping worker hands back what it claimed and did not send, so another instance sends it now, not in a minute. */
    public void release(String worker) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deliveries SET claimed_until = NULL WHERE claimed_by = :w AND sent_at IS NULL")
                .bind("w", worker).execute());
    }

    /** Received by their targets, marked in one transaction: a burst of changes costs one write, not one per delivery. */
    public void sent(List<Claimed> received, List<String> statuses) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            var rows = h.prepareBatch("UPDATE deliveries SET sent_at = :now, last_status = :s, attempts = attempts + 1, claimed_until = NULL WHERE id = :id");
            for (int i = 0; i < received.size(); i++) {
                rows.bind("now", now).bind("s", cut(statuses.get(i))).bind("id", received.get(i).id()).add();
            }
            rows.execute();
            h.createUpdate("UPDATE delivery_targets SET last_success_at = :now WHERE id IN (<ids>)").bind("now", now)
                    .bindList("ids", received.stream().map(Claimed::targetId).distinct().toList()).execute();
        });
    }

    /**
     * Not received (an error answer, a timeout, the target down): due again after the target's Retry-After, else an
     * exponential back-off from 5 s to an hour, with jitter so many deliveries do not return at the same instant.
     */
    public void failed(Claimed c, String status, Optional<Duration> retryAfter) {
        Instant now = clock.instant();
        long backoff = Math.min(LONGEST_WAIT.toMillis(), 5_000L << Math.min(c.attempts(), 20));
        Duration wait = retryAfter.filter(r -> !r.isNegative() && r.compareTo(LONGEST_WAIT) <= 0)
                .orElse(Duration.ofMillis(backoff / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 2 + 1)));
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE deliveries SET next_attempt_at = :next, last_status = :s, attempts = attempts + 1, claimed_until = NULL WHERE id = :id")
                    .bind("next", now.plus(wait)).bind("s", cut(status)).bind("id", c.id()).execute();
            h.createUpdate("UPDATE delivery_targets SET last_error = :s, last_error_at = :now WHERE id = :t").bind("s", cut(status)).bind("now", now)
                    .bind("t", c.targetId()).execute();
        });
    }

    /** The last deliveries of a device (for its page): event, target, when sent or why not yet. */
    public List<String> lastForDevice(String accountId, String deviceId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT d.event_type, t.name, d.sent_at, d.last_status, d.created_at FROM deliveries d "
                        + "JOIN delivery_targets t ON t.id = d.target_id WHERE d.account_id = :a AND d.device_id = :dev ORDER BY d.id DESC LIMIT :n")
                .bind("a", accountId).bind("dev", deviceId).bind("n", limit)
                .map((rs, ctx) -> rs.getString(1) + " to " + rs.getString(2) + ": " + (rs.getTimestamp(3) != null ? "delivered " + rs.getTimestamp(3).toInstant()
                        : "waiting" + Optional.ofNullable(rs.getString(4)).map(s -> " (" + s + ")").orElse(""))).list());
    }

    private static String cut(String s) {
        String one = s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 200 ? one.substring(0, 200) : one;
    }

    /** A device as JupiterOne is told of it: the hardware ID its graph is keyed by (as the agent's own upload keys it), owner, latest report. */
    public record Reported(String deviceUuid, String owner, Optional<String> report) {
    }

    /** What a JupiterOne delivery sends: the device's latest report, read when it is sent (the newest is what counts). */
    public Optional<Reported> reported(String accountId, String deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT d.device_uuid, d.owner_email, r.body FROM devices d LEFT JOIN reports r "
                        + "ON r.device_id = d.id AND r.report_id = d.latest_report WHERE d.id = :d AND d.account_id = :a")
                .bind("d", deviceId).bind("a", accountId)
                .map((rs, ctx) -> new Reported(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)))).findOne());
    }

    /** For counts in tests and the console: deliveries not yet sent, per account. */
    public int backlog(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM deliveries WHERE account_id = :a AND sent_at IS NULL").bind("a", accountId)
                .mapTo(Integer.class).one());
    }

}
