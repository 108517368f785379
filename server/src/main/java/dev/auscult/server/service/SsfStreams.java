package dev.auscult.server.service;

import dev.auscult.server.store.Account;
import dev.auscult.server.store.DeliveryTarget;
import dev.auscult.server.store.Tx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shared Signals streams managed by their receivers (OpenID SSF 1.0 §8.1: stream configuration, status, verification).
 * A stream is a push target of kind SSF — the same outbox, retries and console status as one an administrator adds —
 * with the event types its receiver asked for. Receivers authenticate with an API token whose role may change settings
 * (an owner makes one per receiver); every change is audited under that token's name.
 */
public final class SsfStreams {

    public static final String COMPLIANCE = "https://schemas.openid.net/secevent/caep/event-type/device-compliance-change";
    public static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";
    /** What Auscult transmits; verification events go to every stream whatever it asked for, as the specification says. */
    public static final List<String> SUPPORTED = List.of(COMPLIANCE, SESSION_REVOKED, VERIFICATION);
    /** RFC 8935 push: the only delivery method Auscult offers. */
    public static final String PUSH = "urn:ietf:rfc:8935";

    /** A stream's state (SSF 1.0 §8.1.2): enabled, paused (events wait) or disabled (deleted; nothing is kept for it). */
    public enum Status { ENABLED, PAUSED, DISABLED }

    /** A stream as its receiver sees it; {@code audience} is what each event's {@code aud} carries. */
    public record Stream(String id, String audience, String endpoint, Optional<List<String>> eventsRequested, Optional<String> description,
                         Status status) {

        /** What the stream gets: what it asked for and Auscult sends (everything, when it asked for nothing in particular). */
        public List<String> eventsDelivered() {
            List<String> out = new ArrayList<>(eventsRequested.map(r -> SUPPORTED.stream().filter(r::contains).toList()).orElse(SUPPORTED));
            if (!out.contains(VERIFICATION)) {
                out.add(VERIFICATION);
            }
            return out;
        }
    }

    private final Tx tx;
    private final Deliveries deliveries;
    private final Audit audit;
    private final Clock clock;

    public SsfStreams(Tx tx, Deliveries deliveries, Audit audit, Clock clock) {
        this.tx = tx;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
    }

    /** The SSF event type a delivery of this outbox type is sent as. */
    static String eventUri(String deliveryType) {
        return switch (deliveryType) {
            case Deliveries.REVOKED -> SESSION_REVOKED;
            case Deliveries.VERIFICATION -> VERIFICATION;
            default -> COMPLIANCE;
        };
    }

    /**
     * A receiver creates a stream: events pushed to {@code endpoint} with its bearer token; {@code aud} is the endpoint
     * (what the receiver identifies itself by), as for streams added in the console.
     */
    public Stream create(Account account, String endpoint, Optional<String> bearer, Optional<List<String>> eventsRequested,
                         Optional<String> description, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        Optional<String> about = description(description).filter(d -> !d.isEmpty());
        Optional<String> events = eventsRequested.map(SsfStreams::requested);
        String name = about.map(d -> d.length() > 60 ? d.substring(0, 60) : d).orElse("Shared Signals stream");
        long id = tx.run(stores -> {
            Deliveries.Made made = deliveries.add(account, DeliveryTarget.Kind.SSF, name, endpoint, Optional.of(endpoint.strip()), bearer, by);
            stores.deliveries().describeStream(account, made.target().id(), events, about);
            return made.target().id();
        });
        return find(account, String.valueOf(id)).orElseThrow();
    }

    /** A receiver's description, stripped: at most 200 characters on one line (it is shown in the console). */
    private static Optional<String> description(Optional<String> given) {
        Optional<String> about = given.map(String::strip);
        if (about.filter(d -> d.length() > 200 || d.chars().anyMatch(Character::isISOControl)).isPresent()) {
            throw new IllegalArgumentException("description: at most 200 characters, on one line");
        }
        return about;
    }

    /** Space-separated, known or not (a receiver may ask for types Auscult does not send: they are simply never delivered). */
    private static String requested(List<String> types) {
        Set<String> clean = new LinkedHashSet<>();
        for (String t : types) {
            if (t == null || t.isBlank() || t.length() > 200 || t.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("events_requested: each an event type URI");
            }
            clean.add(t);
        }
        if (clean.size() > 20) {
            throw new IllegalArgumentException("events_requested: at most 20 event types");
        }
        return String.join(" ", clean);
    }

    /** The account's Shared Signals streams, enabled and paused (a deleted stream is disabled and not listed). */
    public List<Stream> list(Account account) {
        return tx.read(stores -> stores.deliveries().targets(account)).stream().filter(SsfStreams::live).map(SsfStreams::stream).toList();
    }

    public Optional<Stream> find(Account account, String streamId) {
        return id(streamId).flatMap(id -> tx.read(stores -> stores.deliveries().target(account, id))).filter(SsfStreams::live)
                .map(SsfStreams::stream);
    }

    /** A stream not deleted (a deleted stream is a disabled target, kept for the record). */
    private static boolean live(DeliveryTarget t) {
        return t.kind() == DeliveryTarget.Kind.SSF && t.disabledAt().isEmpty();
    }

    /** Changes what the stream asks for, or its description; the rest of a stream is the transmitter's or fixed. */
    public Stream update(Account account, String streamId, Optional<List<String>> eventsRequested, Optional<String> description, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        Stream s = find(account, streamId).orElseThrow(() -> new IllegalArgumentException("no stream " + streamId));
        Optional<String> about = description(description);
        Optional<String> events = eventsRequested.map(SsfStreams::requested);
        tx.use(stores -> {
            stores.deliveries().describeStream(account, Long.parseLong(s.id()),
                    events.or(() -> s.eventsRequested().map(l -> String.join(" ", l))), about.or(s::description).filter(d -> !d.isEmpty()));
            audit.record(Optional.of(account.id()), by.audited(), "push.target", "Shared Signals stream #" + s.id() + " updated by its receiver"
                    + events.map(e -> ": events " + e).orElse(""));
        });
        return find(account, streamId).orElseThrow();
    }

    /** Deleting a stream disables it: nothing more is sent or kept for it. */
    public boolean delete(Account account, String streamId, Actor by) {
        return id(streamId).filter(id -> find(account, streamId).isPresent()).map(id -> deliveries.disable(account, id, by)).orElse(false);
    }

    /** Pauses or enables a stream; {@code DISABLED} deletes it. A paused stream's events wait and go when it is enabled. */
    public Stream setStatus(Account account, String streamId, Status status, Optional<String> reason, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        Stream s = find(account, streamId).orElseThrow(() -> new IllegalArgumentException("no stream " + streamId));
        if (status == Status.DISABLED) {
            delete(account, streamId, by);
            return new Stream(s.id(), s.audience(), s.endpoint(), s.eventsRequested(), s.description(), Status.DISABLED);
        }
        tx.use(stores -> {
            stores.deliveries().pauseStream(account, Long.parseLong(s.id()),
                    status == Status.PAUSED ? Optional.of(clock.instant()) : Optional.empty());
            audit.record(Optional.of(account.id()), by.audited(), "push.target", "Shared Signals stream #" + s.id() + " "
                    + status.name().toLowerCase(java.util.Locale.ROOT) + " by its receiver" + reason.map(r -> " (" + Deliveries.cut(r) + ")").orElse(""));
        });
        return find(account, streamId).orElseThrow();
    }

    /** The receiver asks for a verification event, which goes through the outbox like every other. */
    public void verify(Account account, String streamId, Optional<String> state, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        Stream s = find(account, streamId).orElseThrow(() -> new IllegalArgumentException("no stream " + streamId));
        if (state.filter(st -> st.length() > 200 || st.chars().anyMatch(Character::isISOControl)).isPresent()) {
            throw new IllegalArgumentException("state: at most 200 characters");
        }
        tx.use(stores -> deliveries.verification(stores, account, Long.parseLong(s.id()), state));
    }

    private static Optional<Long> id(String streamId) {
        return Optional.ofNullable(streamId).filter(i -> i.matches("\\d{1,18}")).map(Long::parseLong);
    }

    private static Stream stream(DeliveryTarget t) {
        return new Stream(String.valueOf(t.id()), t.audience().orElse(null), t.url(), t.eventsRequested().map(e -> List.of(e.split(" "))),
                t.description(), t.pausedAt().isEmpty() ? Status.ENABLED : Status.PAUSED);
    }
}
