package dev.auscult.server.push;

import dev.auscult.server.store.DeliveryTarget;
import dev.auscult.server.store.ClaimedDelivery;
import dev.auscult.server.service.Deliveries;
import dev.auscult.server.store.Failures;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends the delivery outbox: every half second it claims what is due, sends each (a signed webhook, or a Security
 * Event Token pushed as RFC 8935 says), and marks it sent (2xx) or due again (anything else, honouring Retry-After).
 * Several instances on one database share the work through the claims; one killed mid-send leaves its claims to
 * expire, and the receiver's dedupe on the event ID absorbs the resend.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DeliveryWorker.class.getName());
    static final Duration IDLE = Duration.ofMillis(500);
    static final int BATCH = 200;
    static final Duration SWEEP = Duration.ofMinutes(1);

    private final Deliveries deliveries;
    private final SecurityEvents events;
    private final Supplier<String> issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean running = true;
    private final Thread thread;

    private final java.time.Clock clock;

    public DeliveryWorker(Deliveries deliveries, SecurityEvents events, Supplier<String> issuer, java.time.Clock clock) {
        this.clock = clock;
        this.tailscale = new TailscalePosture(clock);
        this.deliveries = deliveries;
        this.events = events;
        this.issuer = issuer;
        this.jupiterOne = new JupiterOnePush(deliveries);
        this.thread = Thread.ofVirtual().name("auscult-deliveries").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Instant nextSweep = clock.instant().plus(Duration.ofSeconds(10));
        while (running) {
            if (clock.instant().isAfter(nextSweep)) {
                nextSweep = clock.instant().plus(SWEEP);
                try {
                    int told = deliveries.sweepStale();
                    if (told > 0) {
                        LOG.log(Level.INFO, "deliveries: {0} device(s) not seen for {1} h pushed as not compliant", told, Deliveries.STALE.toHours());
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "deliveries: the stale-device sweep failed ({0}); tried again in a minute", Failures.reason(e));
                }
            }
            if (!markSent()) {
                pause(Duration.ofSeconds(2));
                continue;
            }
            List<ClaimedDelivery> due;
            try {
                due = deliveries.claim(name, BATCH);
            } catch (RuntimeException e) {
                // the database is down or busy: the outbox is in it, nothing is lost; look again shortly
                LOG.log(Level.WARNING, "deliveries: cannot read the outbox now ({0})", Failures.reason(e));
                pause(Duration.ofSeconds(5));
                continue;
            }
            sendAll(due);
            if (due.isEmpty()) {
                pause(IDLE);
            }
        }
    }

    /**
     * Sends a claimed batch: each device's events to one target in order, one after the other; different devices and
     * targets at the same time (virtual threads), so a slow receiver or a burst of changes does not queue everything
     * behind it. What was received is marked in one transaction.
     */
    private void sendAll(List<ClaimedDelivery> due) {
        java.util.Map<String, List<ClaimedDelivery>> lanes = new java.util.LinkedHashMap<>();
        for (ClaimedDelivery d : due) {
            lanes.computeIfAbsent(d.targetId() + "/" + d.deviceId(), k -> new java.util.ArrayList<>()).add(d);
        }
        List<ClaimedDelivery> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<String> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var lanesAtOnce = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<ClaimedDelivery> lane : lanes.values()) {
                lanesAtOnce.submit(() -> {
                    for (ClaimedDelivery d : lane) {
                        if (!running) {
                            return;   // unsent claims expire and are taken again
                        }
                        Attempt a = send(d);
                        if (a.received()) {
                            synchronized (received) {
                                received.add(d);
                                statuses.add(a.status());
                            }
                        } else {
                            failed(d, a.status(), a.retryAfter());
                        }
                    }
                });
            }
        }
        unmarked.addAll(received);
        unmarkedStatuses.addAll(statuses);
        markSent();
    }

    /**
     * Received deliveries whose "sent" mark could not be written yet (the database away). Marked before anything is
     * claimed again, so this worker does not send them twice when the database returns; only a worker that dies
     * before marking leaves its claims to expire and be sent again (same event ID).
     */
    private final List<ClaimedDelivery> unmarked = new java.util.ArrayList<>();
    private final List<String> unmarkedStatuses = new java.util.ArrayList<>();

    /** True when nothing is left to mark. */
    private boolean markSent() {
        if (unmarked.isEmpty()) {
            return true;
        }
        try {
            deliveries.sent(unmarked, unmarkedStatuses);
            unmarked.clear();
            unmarkedStatuses.clear();
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deliveries: {0} received deliveries cannot be marked sent yet ({1}); tried again before sending more",
                    unmarked.size(), Failures.reason(e));
            return false;
        }
    }

    private final TailscalePosture tailscale;
    private final JupiterOnePush jupiterOne;

    private Attempt send(ClaimedDelivery d) {
        if (d.kind() == DeliveryTarget.Kind.JUPITERONE) {
            try {
                return jupiterOne.send(d);
            } catch (RuntimeException e) {
                return new Attempt(false, "not written: " + e.getClass().getSimpleName() + Optional.ofNullable(e.getMessage()).map(m -> " " + m)
                        .orElse(""), Optional.empty());
            }
        }
        if (d.kind() == DeliveryTarget.Kind.TAILSCALE) {
            try {
                return tailscale.send(http, d);
            } catch (IOException | RuntimeException e) {
                return new Attempt(false, "not reached: " + e.getClass().getSimpleName() + Optional.ofNullable(e.getMessage()).map(m -> " " + m).orElse(""),
                        Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return new Attempt(false, "interrupted", Optional.empty());
            }
        }
        HttpRequest request;
        try {
            request = request(d);
        } catch (RuntimeException e) {
            return new Attempt(false, "cannot be prepared: " + e.getMessage(), Optional.empty());
        }
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? new Attempt(true, "HTTP " + r.statusCode(), Optional.empty())
                    : new Attempt(false, "HTTP " + r.statusCode(), r.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, clock.instant())));
        } catch (IOException e) {
            return new Attempt(false, "not reached: " + e.getClass().getSimpleName() + Optional.ofNullable(e.getMessage()).map(m -> " " + m).orElse(""),
                    Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return new Attempt(false, "interrupted", Optional.empty());
        }
    }

    private HttpRequest request(ClaimedDelivery d) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.url())).timeout(Duration.ofSeconds(10)).header("User-Agent", "Auscult-Server");
        if (d.kind() == DeliveryTarget.Kind.WEBHOOK) {
            byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
            long ts = clock.instant().getEpochSecond();
            return b.header("Content-Type", "application/json").header("webhook-id", d.eventId()).header("webhook-timestamp", String.valueOf(ts))
                    .header("webhook-signature", WebhookSignature.sign(d.secret().orElseThrow(), d.eventId(), ts, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }
        d.secret().ifPresent(token -> b.header("Authorization", "Bearer " + token));
        return b.header("Content-Type", "application/secevent+jwt").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(events.token(d, issuer.get()))).build();
    }

    /** Not received: due again after a back-off. If even that cannot be written, the claim expires and it is sent again. */
    private void failed(ClaimedDelivery d, String status, Optional<Duration> retryAfter) {
        try {
            deliveries.failed(d, status, retryAfter);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deliveries: the failure of {0} could not be recorded ({1})", d, Failures.reason(e));
        }
    }

    /** Retry-After in seconds or as an HTTP date (from {@code now}). */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,6}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            return Optional.of(Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deliveries.release(name);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deliveries: claims not handed back at stop ({0}); they expire within a minute", Failures.reason(e));
        }
        http.close();
    }
}
