package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.Tx;

/**
 * A 0–100 score per device for a network-access tool that asks Auscult about the devices it sees (Cloudflare's custom
 * device posture integration asks for up to 1,000 at a time). The tool names a device its own way — serial number,
 * user e-mail, host name — and Auscult finds its own device for it: the serial number first, then the owner and the
 * host name, then the owner alone when they have exactly one active device. One query per call, whatever the number
 * of devices: the latest verdict and last report time are kept on each device.
 *
 * <ul>
 *   <li>100: the latest report passes;</li>
 *   <li>60: only recommendations, or failures still within their grace period (NUDGE);</li>
 *   <li>0: it fails, could not be checked, has not reported for {@link #NOT_SEEN}, is revoked — or Auscult does not
 *   know the device (fail closed).</li>
 * </ul>
 */
public final class PostureScores {

    /** The same "not seen" as the push's stale sweep. */
    public static final Duration NOT_SEEN = Deliveries.STALE;
    public static final int PASSES = 100;
    public static final int NUDGES = 60;

    /** How the asking tool names a device (any may be blank). */
    public record Asked(String id, String email, String serialNumber, String hostname) {
    }

    /** The score for one asked device, with Auscult's device when one was found. */
    public record Score(String askedId, Optional<String> deviceId, int score, String why) {
    }

    private record Known(String id, String owner, Optional<String> serial, Optional<String> hostname, Optional<String> status, Instant lastSeen) {
    }

    private final Tx tx;
    private final Clock clock;

    public PostureScores(Tx tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public List<Score> score(Account account, List<Asked> asked) {
        List<Known> known = tx.read(s -> s.devices().list(account, false)).stream()
                .map(d -> new Known(d.id(), d.ownerEmail(), d.hardwareSerial().filter(v -> !v.isBlank()), d.hostname().filter(v -> !v.isBlank()),
                        d.latestStatus(), d.lastSeenAt())).toList();
        Map<String, Known> bySerial = new HashMap<>();
        Map<String, List<Known>> byOwner = new HashMap<>();
        for (Known k : known) {
            k.serial().ifPresent(s -> bySerial.put(norm(s), k));
            byOwner.computeIfAbsent(norm(k.owner()), o -> new ArrayList<>()).add(k);
        }
        Instant now = clock.instant();
        List<Score> out = new ArrayList<>(asked.size());
        for (Asked a : asked) {
            Optional<Known> found = Optional.ofNullable(bySerial.get(norm(a.serialNumber())));
            List<Known> owned = byOwner.getOrDefault(norm(a.email()), List.of());
            if (found.isEmpty() && !norm(a.hostname()).isEmpty()) {
                found = owned.stream().filter(k -> k.hostname().map(PostureScores::norm).filter(norm(a.hostname())::equals).isPresent()).findFirst();
            }
            if (found.isEmpty() && owned.size() == 1) {
                found = Optional.of(owned.getFirst());
            }
            out.add(found.map(k -> scored(a, k, now)).orElseGet(() -> new Score(a.id(), Optional.empty(), 0, "not a device Auscult knows")));
        }
        return out;
    }

    private static Score scored(Asked a, Known k, Instant now) {
        if (Duration.between(k.lastSeen(), now).compareTo(NOT_SEEN) > 0) {
            return new Score(a.id(), Optional.of(k.id()), 0, "not seen since " + k.lastSeen());
        }
        return switch (k.status().orElse("")) {
            case "PASS" -> new Score(a.id(), Optional.of(k.id()), PASSES, "passes");
            case "NUDGE" -> new Score(a.id(), Optional.of(k.id()), NUDGES, "recommendations or failures within their grace period");
            case "" -> new Score(a.id(), Optional.of(k.id()), 0, "no report yet");
            default -> new Score(a.id(), Optional.of(k.id()), 0, k.status().get().toLowerCase(Locale.ROOT));
        };
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    /** The answer in Cloudflare's shape: {@code {"result": {"<their id>": {"s2s_id": "<ours>", "score": n}}}}. */
    public static Map<String, Object> cloudflare(List<Score> scores) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Score s : scores) {
            result.put(s.askedId(), Map.of("s2s_id", s.deviceId().orElse(""), "score", s.score()));
        }
        return Map.of("result", result);
    }
}
