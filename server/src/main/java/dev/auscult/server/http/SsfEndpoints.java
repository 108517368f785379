package dev.auscult.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.server.service.ApiTokens;
import dev.auscult.server.service.SsfStreams;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Shared Signals stream management API (OpenID SSF 1.0 §8.1) over {@link SsfStreams}: configuration
 * ({@code /api/v1/ssf/streams}: POST creates, GET reads one or all, PATCH/PUT change, DELETE removes), status
 * ({@code /api/v1/ssf/status}) and verification ({@code /api/v1/ssf/verify}). Only push delivery (RFC 8935). The
 * caller is an API token ({@link ApiV1} authenticates it and checks its role); an unknown stream is 404.
 */
final class SsfEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SsfStreams streams;
    private final Supplier<String> issuer;

    SsfEndpoints(SsfStreams streams, Supplier<String> issuer) {
        this.streams = streams;
        this.issuer = issuer;
    }

    void create(Context ctx, ApiTokens.Caller caller, JsonNode in) {
        JsonNode delivery = in.path("delivery");
        String method = delivery.path("method").asText(SsfStreams.PUSH);
        if (!method.equals(SsfStreams.PUSH)) {
            ApiV1.problem(ctx, 400, "unsupported-delivery", "Only push delivery", "Auscult pushes events (" + SsfStreams.PUSH + "); poll delivery is not offered.");
            return;
        }
        if (!delivery.path("endpoint_url").isTextual()) {
            ApiV1.problem(ctx, 400, "bad-request", "No endpoint_url", "A push stream needs delivery.endpoint_url: where its events go.");
            return;
        }
        Optional<String> bearer = bearer(delivery);
        SsfStreams.Stream made = streams.create(caller.account(), delivery.path("endpoint_url").asText(), bearer, events(in),
                text(in, "description"), caller.acting());
        ctx.status(201).contentType("application/json").result(config(made).toString());
    }

    /** The header the transmitter sends with each push: only a bearer token, kept as a receiver's token is in the console. */
    private static Optional<String> bearer(JsonNode delivery) {
        if (!delivery.hasNonNull("authorization_header")) {
            return Optional.empty();
        }
        String header = delivery.path("authorization_header").asText().strip();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 500 || header.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("authorization_header: give \"Bearer <token>\", or leave it out");
        }
        return Optional.of(header.substring(7).strip());
    }

    /** SSF answers a request it cannot carry out with 400 (the API's other routes say 422). */
    static void answer(Context ctx, Runnable handler) {
        try {
            handler.run();
        } catch (IllegalArgumentException e) {
            ApiV1.problem(ctx, 400, "bad-request", "The request cannot be carried out", e.getMessage());
        }
    }

    void read(Context ctx, ApiTokens.Caller caller) {
        Optional<String> id = Optional.ofNullable(ctx.queryParam("stream_id"));
        if (id.isEmpty()) {
            ArrayNode all = JSON.createArrayNode();
            streams.list(caller.account()).forEach(s -> all.add(config(s)));
            ctx.contentType("application/json").result(all.toString());
            return;
        }
        found(ctx, caller, id.get()).ifPresent(s -> ctx.contentType("application/json").result(config(s).toString()));
    }

    /** PATCH and PUT: what the receiver may set (events_requested, description); the transmitter's fields are ignored. */
    void update(Context ctx, ApiTokens.Caller caller, JsonNode in) {
        Optional<String> id = text(in, "stream_id");
        if (id.isEmpty()) {
            ApiV1.problem(ctx, 400, "bad-request", "No stream_id", "Name the stream to change with stream_id.");
            return;
        }
        if (found(ctx, caller, id.get()).isPresent()) {
            SsfStreams.Stream s = streams.update(caller.account(), id.get(), events(in), text(in, "description").or(() -> in.has("description")
                    ? Optional.of("") : Optional.empty()), caller.acting());
            ctx.contentType("application/json").result(config(s).toString());
        }
    }

    void delete(Context ctx, ApiTokens.Caller caller) {
        String id = String.valueOf(ctx.queryParam("stream_id"));
        if (found(ctx, caller, id).isPresent()) {
            streams.delete(caller.account(), id, caller.acting());
            ctx.status(204);
        }
    }

    void status(Context ctx, ApiTokens.Caller caller) {
        String id = String.valueOf(ctx.queryParam("stream_id"));
        found(ctx, caller, id).ifPresent(s -> ctx.contentType("application/json").result(status(s).toString()));
    }

    void setStatus(Context ctx, ApiTokens.Caller caller, JsonNode in) {
        String id = in.path("stream_id").asText("");
        SsfStreams.Status wanted;
        try {
            wanted = SsfStreams.Status.valueOf(in.path("status").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ApiV1.problem(ctx, 400, "bad-request", "Unknown status", "status is enabled, paused or disabled.");
            return;
        }
        if (found(ctx, caller, id).isPresent()) {
            SsfStreams.Stream s = streams.setStatus(caller.account(), id, wanted, text(in, "reason"), caller.acting());
            ctx.contentType("application/json").result(status(s).toString());
        }
    }

    void verify(Context ctx, ApiTokens.Caller caller, JsonNode in) {
        String id = in.path("stream_id").asText("");
        if (found(ctx, caller, id).isPresent()) {
            streams.verify(caller.account(), id, text(in, "state"), caller.acting());
            ctx.status(204);
        }
    }

    private Optional<SsfStreams.Stream> found(Context ctx, ApiTokens.Caller caller, String id) {
        Optional<SsfStreams.Stream> s = streams.find(caller.account(), id);
        if (s.isEmpty()) {
            ApiV1.problem(ctx, 404, "not-found", "No such stream", "This account has no stream " + id + ".");
        }
        return s;
    }

    private ObjectNode config(SsfStreams.Stream s) {
        ObjectNode o = JSON.createObjectNode().put("stream_id", s.id()).put("iss", issuer.get()).put("aud", s.audience());
        SsfStreams.SUPPORTED.forEach(o.putArray("events_supported")::add);
        s.eventsRequested().ifPresent(r -> r.forEach(o.putArray("events_requested")::add));
        s.eventsDelivered().forEach(o.putArray("events_delivered")::add);
        o.putObject("delivery").put("method", SsfStreams.PUSH).put("endpoint_url", s.endpoint());
        s.description().ifPresent(d -> o.put("description", d));
        return o;
    }

    private static ObjectNode status(SsfStreams.Stream s) {
        return JSON.createObjectNode().put("stream_id", s.id()).put("status", s.status().name().toLowerCase(Locale.ROOT));
    }

    private static Optional<List<String>> events(JsonNode in) {
        if (!in.has("events_requested")) {
            return Optional.empty();
        }
        if (!in.path("events_requested").isArray()) {
            throw new IllegalArgumentException("events_requested is a list of event type URIs");
        }
        List<String> out = new ArrayList<>();
        in.path("events_requested").forEach(e -> out.add(e.asText()));
        return Optional.of(out);
    }

    private static Optional<String> text(JsonNode in, String field) {
        return Optional.ofNullable(in.path(field).textValue()).filter(t -> !t.isBlank());
    }
}
