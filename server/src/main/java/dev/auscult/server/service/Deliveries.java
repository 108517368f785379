package dev.auscult.server.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.ClaimedDelivery;
import dev.auscult.server.store.DeliveryStore;
import dev.auscult.server.store.DeliveryTarget;
import dev.auscult.server.store.Stores;
import dev.auscult.server.store.Tx;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery outbox: where an account's posture changes go (signed webhooks, Shared Signals receivers), and one row
 * per target and change, written in the same transaction as the report (or revocation) that made the change — so an
 * acknowledged change is never lost, whatever happens to the sending. Workers claim due rows (one claimant at a time,
 * even across server instances), send them, and mark them sent or due again later.
 */
public final class Deliveries {

    /** JupiterOne's API in its US region: the URL a JupiterOne target has unless its account lives elsewhere. */
    public static final String JUPITERONE_API = "https://api.us.jupiterone.io";

    /**
     * Tailscale's attributes carry an expiry (the last report plus {@link #STALE}): so that they lapse — fail closed —
     * if Auscult itself goes silent, a device that keeps reporting the same posture has them renewed this often.
     */
    public static final Duration TAILSCALE_RENEW = Duration.ofHours(6);

    /** A new target; a webhook's signing secret is shown once (in a download), then only used. */
    public record Made(DeliveryTarget target, Optional<String> secret) {
        @Override
        public String toString() {
            return "Made[" + target.name() + ", secret redacted]";
        }
    }

    public static final String COMPLIANCE_CHANGED = "device.compliance-changed";
    public static final String REVOKED = "device.revoked";
    /** A Shared Signals stream's verification event, asked for by its receiver (SSF 1.0 §8.1.4). */
    public static final String VERIFICATION = "ssf.verification";
    static final Duration CLAIM = Duration.ofSeconds(60);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final Tx tx;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public Deliveries(Tx tx, Secrets secrets, Audit audit, Clock clock) {
        this.tx = tx;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public Made add(Account account, DeliveryTarget.Kind kind, String name, String url, Optional<String> audience, Optional<String> bearer, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a target needs a name of 1 to 100 characters");
        }
        checkUrl(url);
        Optional<String> given = audience.map(String::strip).filter(a -> !a.isEmpty());
        // Tailscale: the tailnet, "-" for the API token's own
        Optional<String> aud = kind == DeliveryTarget.Kind.TAILSCALE ? Optional.of(given.orElse("-")) : given;
        if (kind == DeliveryTarget.Kind.SSF && aud.isEmpty()) {
            throw new IllegalArgumentException("a Shared Signals receiver needs its audience (the aud it expects in each event, e.g. its own URL)");
        }
        if (kind == DeliveryTarget.Kind.JUPITERONE) {
            if (aud.filter(a -> a.matches("[A-Za-z0-9:_-]{1,100}")).isEmpty()) {
                throw new IllegalArgumentException("JupiterOne needs its account ID (JupiterOne: Settings → Account → Account ID)");
            }
            if (bearer.map(String::strip).filter(b -> !b.isEmpty()).isEmpty()) {
                throw new IllegalArgumentException("JupiterOne needs an API key that may write through its Synchronization API");
            }
        }
        if (kind == DeliveryTarget.Kind.TAILSCALE) {
            if (!aud.get().matches("[A-Za-z0-9._@-]{1,200}")) {
                throw new IllegalArgumentException("the tailnet is its name as Tailscale shows it (e.g. example.com), or - for the API token's own");
            }
            if (bearer.map(String::strip).filter(b -> !b.isEmpty()).isEmpty()) {
                throw new IllegalArgumentException("Tailscale needs an API access token (tskey-api-…) that may write device posture attributes");
            }
        }
        // Standard Webhooks' form: whsec_ and the base64 of 32 random bytes
        Optional<String> secret = kind == DeliveryTarget.Kind.WEBHOOK
                ? Optional.of("whsec_" + java.util.Base64.getEncoder().encodeToString(java.util.Base64.getUrlDecoder().decode(secrets.token(""))))
                : bearer.map(String::strip).filter(b -> !b.isEmpty());
        Instant now = clock.instant();
        long id = tx.run(stores -> {
            long made = stores.deliveries().addTarget(account, kind, n, url.strip(), secret, aud, now, actor);
            audit.record(Optional.of(account.id()), actor, "push.target", (switch (kind) {
                case WEBHOOK -> "webhook";
                case SSF -> "Shared Signals receiver";
                case TAILSCALE -> "Tailscale tailnet";
                case JUPITERONE -> "JupiterOne account " + aud.orElse("");
            }) + " \u201c" + n
                    + "\u201d added (" + url.strip() + ")");
            return made;
        });
        return new Made(find(account, id).orElseThrow(), kind == DeliveryTarget.Kind.WEBHOOK ? secret : Optional.empty());
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

    public boolean disable(Account account, long id, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        return tx.run(stores -> {
            boolean done = stores.deliveries().disableTarget(account, id, clock.instant());
            if (done) {
                audit.record(Optional.of(account.id()), actor, "push.target", "target #" + id + " disabled; what it had not received is kept");
            }
            return done;
        });
    }

    public List<DeliveryTarget> list(Account account) {
        return tx.read(stores -> stores.deliveries().targets(account));
    }

    public Optional<DeliveryTarget> find(Account account, long id) {
        return tx.read(stores -> stores.deliveries().target(account, id));
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
    public void reported(Account account, String deviceId, Posture after) {
        tx.use(stores -> {
            List<Long> targets = stores.deliveries().activeTargetsTaking(account, SsfStreams.eventUri(COMPLIANCE_CHANGED));
            if (targets.isEmpty()) {
                return;
            }
            Optional<Posture> before = previous(stores.deliveries().lastTold(account, deviceId));
            if (before.isPresent() && before.get().equals(after)) {
                renewTailscale(stores, account, deviceId, after);
                return;
            }
            ObjectNode event = compliance(event(stores, COMPLIANCE_CHANGED, account, deviceId), before, after);
            enqueue(stores, account, deviceId, targets, event);
        });
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
    private void renewTailscale(Stores stores, Account account, String deviceId, Posture now) {
        List<Long> due = stores.deliveries().tailscaleTargetsNotToldSince(account, deviceId, clock.instant().minus(TAILSCALE_RENEW));
        if (due.isEmpty()) {
            return;
        }
        ObjectNode event = compliance(event(stores, COMPLIANCE_CHANGED, account, deviceId), Optional.of(now), now).put("renewal", true);
        enqueue(stores, account, deviceId, due, event);
    }

    /** A test event to one target ("Send a test event"): a made-up device, marked as a test, through the same outbox. */
    public boolean test(Account account, long targetId, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        return tx.run(stores -> {
            boolean active = stores.deliveries().target(account, targetId).filter(t -> t.disabledAt().isEmpty()).isPresent();
            if (!active) {
                return false;
            }
            ObjectNode e = json.createObjectNode().put("id", secrets.id("evt-")).put("type", COMPLIANCE_CHANGED).put("occurredAt", clock.instant().toString())
                    .put("account", account.id()).put("test", true);
            e.putObject("device").put("id", "dev_test").put("owner", "test@example.invalid").put("hostname", "test-device").put("platform", "linux");
            e.put("previous", "compliant").put("current", "compliant").put("status", "PASS").put("reason", "a test event sent by " + actor);
            enqueue(stores, account, "dev_test", List.of(targetId), e);
            audit.record(Optional.of(account.id()), actor, "push.test", "test event queued for target #" + targetId);
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
        List<DeliveryStore.Silent> silent = tx.read(stores -> stores.deliveries().silentAcrossAccounts(now.minus(STALE), 500));
        int told = 0;
        for (DeliveryStore.Silent q : silent) {
            told += tx.run(stores -> {
                if (!stores.deliveries().markToldSilent(q.account(), q.deviceId(), now)) {
                    return 0;   // another instance told it
                }
                ObjectNode event = event(stores, COMPLIANCE_CHANGED, q.account(), q.deviceId());
                event.put("previous", "compliant").put("current", "not-compliant").put("status", "UNKNOWN").put("stale", true)
                        .put("reason", "not seen since " + q.lastSeen() + " (no report for more than " + STALE.toHours() + " h)");
                event.withArray("failingPractices").add("notSeen");
                enqueue(stores, q.account(), q.deviceId(), stores.deliveries().activeTargetsTaking(q.account(), SsfStreams.eventUri(COMPLIANCE_CHANGED)),
                        event);
                return 1;
            });
        }
        return told;
    }

    /** In the revocation's unit of work (joined): the device can no longer report or sign in. */
    public void revoked(Account account, String deviceId, String actor) {
        tx.use(stores -> {
            List<Long> targets = stores.deliveries().activeTargetsTaking(account, SsfStreams.eventUri(REVOKED));
            if (targets.isEmpty()) {
                return;
            }
            ObjectNode event = event(stores, REVOKED, account, deviceId);
            event.put("previous", "active").put("current", "revoked").put("reason", "revoked by " + actor);
            enqueue(stores, account, deviceId, targets, event);
        });
    }

    /**
     * What the targets last heard of the device: its latest report's posture — or, when it was pushed as "not seen"
     * (the report's UPDATE then clears the mark), not compliant, so its return is always a change; empty for a first report.
     */
    private static Optional<Posture> previous(DeliveryStore.LastTold told) {
        if (told.pushedAsSilent()) {
            return Optional.of(new Posture("UNKNOWN", Set.of("notSeen")));
        }
        return told.reported() ? Optional.of(new Posture(told.status().orElse("null"), told.failing())) : Optional.empty();
    }

    /** A verification event for one stream (its receiver asked): through the outbox like every other event. */
    void verification(Stores stores, Account account, long targetId, Optional<String> state) {
        ObjectNode e = json.createObjectNode().put("id", secrets.id("evt-")).put("type", VERIFICATION).put("occurredAt", clock.instant().toString())
                .put("account", account.id()).put("stream", String.valueOf(targetId));
        state.ifPresent(st -> e.put("state", st));
        enqueue(stores, account, "", List.of(targetId), e);
    }

    private ObjectNode event(Stores stores, String type, Account account, String deviceId) {
        ObjectNode e = json.createObjectNode().put("id", secrets.id("evt-")).put("type", type).put("occurredAt", clock.instant().toString())
                .put("account", account.id());
        ObjectNode device = e.putObject("device").put("id", deviceId);
        stores.deliveries().card(account, deviceId)
                .ifPresent(c -> device.put("owner", c.owner()).put("hostname", c.hostname()).put("platform", c.platform()));
        return e;
    }

    private void enqueue(Stores stores, Account account, String deviceId, List<Long> targets, ObjectNode event) {
        String payload = event.toString();
        stores.deliveries().enqueue(account, deviceId, targets, event.get("id").asText(), event.get("type").asText(),
                payload.length() > 8000 ? payload.substring(0, 8000) : payload, clock.instant());
    }

    /**
     * Claims up to {@code max} due deliveries for one worker for a minute: a row another worker holds is skipped (on
     * PostgreSQL without waiting, SKIP LOCKED), and the claim is re-checked on the row itself, so two instances never
     * send the same delivery at once. A claim that expires (a worker killed mid-send) is taken again.
     */
    public List<ClaimedDelivery> claim(String worker, int max) {
        Instant now = clock.instant();
        return tx.run(stores -> stores.deliveries().claimAcrossAccounts(worker, max, now, now.plus(CLAIM)));
    }

    /** A stopping worker hands back what it claimed and did not send, so another instance sends it now, not in a minute. */
    public void release(String worker) {
        tx.use(stores -> stores.deliveries().releaseAcrossAccounts(worker));
    }

    /** Received by their targets, marked in one transaction: a burst of changes costs one write, not one per delivery. */
    public void sent(List<ClaimedDelivery> received, List<String> statuses) {
        Instant now = clock.instant();
        tx.use(stores -> stores.deliveries().markSentAcrossAccounts(received, statuses.stream().map(Deliveries::cut).toList(), now));
    }

    /**
     * Not received (an error answer, a timeout, the target down): due again after the target's Retry-After, else an
     * exponential back-off from 5 s to an hour, with jitter so many deliveries do not return at the same instant.
     */
    public void failed(ClaimedDelivery c, String status, Optional<Duration> retryAfter) {
        Instant now = clock.instant();
        long backoff = Math.min(LONGEST_WAIT.toMillis(), 5_000L << Math.min(c.attempts(), 20));
        Duration wait = retryAfter.filter(r -> !r.isNegative() && r.compareTo(LONGEST_WAIT) <= 0)
                .orElse(Duration.ofMillis(backoff / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 2 + 1)));
        tx.use(stores -> stores.deliveries().markFailedAcrossAccounts(c, cut(status), now.plus(wait), now));
    }

    /** The last deliveries of a device (for its page): event, target, when sent or why not yet. */
    public List<String> lastForDevice(Account account, String deviceId, int limit) {
        return tx.read(stores -> stores.deliveries().lastForDevice(account, deviceId, limit)).stream()
                .map(d -> d.eventType() + " to " + d.targetName() + ": " + d.sentAt().map(t -> "delivered " + t)
                        .orElse("waiting" + d.lastStatus().map(st -> " (" + st + ")").orElse("")))
                .toList();
    }

    /** A receiver's answer or a person's words, kept on one line and short (it is shown in the console). */
    static String cut(String s) {
        String one = s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 200 ? one.substring(0, 200) : one;
    }

    /** A device as JupiterOne is told of it: the hardware ID its graph is keyed by (as the agent's own upload keys it), owner, latest report. */
    public record Reported(String deviceUuid, String owner, Optional<String> report) {
    }

    /** What a JupiterOne delivery sends: the device's latest report, read when it is sent (the newest is what counts). */
    public Optional<Reported> reported(Account account, String deviceId) {
        return tx.read(stores -> stores.deliveries().latestReport(account, deviceId))
                .map(r -> new Reported(r.deviceUuid(), r.owner(), r.body()));
    }

    /** For counts in tests and the console: deliveries not yet sent, per account. */
    public int backlog(Account account) {
        return tx.read(stores -> stores.deliveries().backlog(account));
    }

}
