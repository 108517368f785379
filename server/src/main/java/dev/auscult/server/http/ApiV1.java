package dev.auscult.server.http;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.PolicyVersion;
import dev.auscult.server.store.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.policy.PolicyException;
import dev.auscult.report.ReportSummary;
import dev.auscult.server.ServerServices;
import dev.auscult.server.service.ApiTokens;
import dev.auscult.server.service.Audience;
import dev.auscult.server.service.Devices;
import dev.auscult.server.service.Fleet;
import dev.auscult.server.service.Policies;
import dev.auscult.server.service.PolicyPreview;
import dev.auscult.server.service.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The administrators' REST API, version 1 (docs: /api/v1/openapi.json): what the console does, for scripts and
 * ticketing systems, under an API token's role. Every error is an RFC 9457 problem document; every change is in
 * the audit log under the token's name and role ("api:ticketing (Helpdesk)").
 */
final class ApiV1 {

    private static final String CALLER = "api.caller";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SSF_STREAMS = "/api/v1/ssf/streams";
    static final String SSF_STATUS = "/api/v1/ssf/status";
    static final String SSF_VERIFY = "/api/v1/ssf/verify";

    private final ServerServices s;
    private final byte[] openApi;
    private final SsfEndpoints ssf;

    ApiV1(ServerServices services, java.util.function.Supplier<String> issuer) {
        this.s = services;
        this.ssf = new SsfEndpoints(services.ssfStreams(), issuer);
        try (InputStream in = ApiV1.class.getResourceAsStream("/dev/auscult/server/api/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        r.before("/api/v1/*", this::authenticate);
        r.get("/api/v1/devices", ctx -> need(ctx, Role.Permission.READ, () -> devices(ctx)));
        r.get("/api/v1/devices/{id}", ctx -> need(ctx, Role.Permission.READ, () -> device(ctx)));
        r.post("/api/v1/devices/{id}/revoke", ctx -> need(ctx, Role.Permission.DEVICES, () -> revoke(ctx)));
        r.post("/api/v1/devices/{id}/rotate-key", ctx -> need(ctx, Role.Permission.DEVICES, () -> rotateKey(ctx)));
        r.get("/api/v1/people", ctx -> need(ctx, Role.Permission.READ, () -> people(ctx)));
        r.get("/api/v1/policies", ctx -> need(ctx, Role.Permission.READ, () -> policies(ctx)));
        r.post("/api/v1/policies", ctx -> need(ctx, Role.Permission.POLICY, () -> publish(ctx)));
        r.post("/api/v1/policies/preview", ctx -> need(ctx, Role.Permission.READ, () -> preview(ctx)));
        r.post("/api/v1/policies/rollback", ctx -> need(ctx, Role.Permission.POLICY, () -> rollback(ctx)));
        r.post("/api/v1/activations/send", ctx -> need(ctx, Role.Permission.PEOPLE_AND_CODES, () -> send(ctx)));
        r.get("/api/v1/audit", ctx -> need(ctx, Role.Permission.EXPORT, () -> audit(ctx)));
        r.post(CLOUDFLARE, ctx -> need(ctx, Role.Permission.READ, () -> cloudflare(ctx)));
        r.post("/api/v1/local-answers/verify", ctx -> need(ctx, Role.Permission.READ, () -> verifyLocalAnswer(ctx)));
        // OpenID Shared Signals stream management: a receiver with a token that may change settings
        r.post(SSF_STREAMS, ctx -> need(ctx, Role.Permission.SETTINGS, () -> SsfEndpoints.answer(ctx, () -> ssf.create(ctx, caller(ctx), body(ctx)))));
        r.get(SSF_STREAMS, ctx -> need(ctx, Role.Permission.SETTINGS, () -> ssf.read(ctx, caller(ctx))));
        r.patch(SSF_STREAMS, ctx -> need(ctx, Role.Permission.SETTINGS, () -> SsfEndpoints.answer(ctx, () -> ssf.update(ctx, caller(ctx), body(ctx)))));
        r.put(SSF_STREAMS, ctx -> need(ctx, Role.Permission.SETTINGS, () -> SsfEndpoints.answer(ctx, () -> ssf.update(ctx, caller(ctx), body(ctx)))));
        r.delete(SSF_STREAMS, ctx -> need(ctx, Role.Permission.SETTINGS, () -> ssf.delete(ctx, caller(ctx))));
        r.get(SSF_STATUS, ctx -> need(ctx, Role.Permission.SETTINGS, () -> ssf.status(ctx, caller(ctx))));
        r.post(SSF_STATUS, ctx -> need(ctx, Role.Permission.SETTINGS, () -> SsfEndpoints.answer(ctx, () -> ssf.setStatus(ctx, caller(ctx), body(ctx)))));
        r.post(SSF_VERIFY, ctx -> need(ctx, Role.Permission.SETTINGS, () -> SsfEndpoints.answer(ctx, () -> ssf.verify(ctx, caller(ctx), body(ctx)))));
    }

    /**
     * Cloudflare's custom device posture integration: WARP's service-to-service integration posts the devices it sees
     * and gets a 0–100 score for each. It authenticates with the service token set in Cloudflare as
     * {@code CF-Access-Client-Id} (here: an API token's name) and {@code CF-Access-Client-Secret} (that token).
     */
    static final String CLOUDFLARE = "/api/v1/posture/cloudflare";
    /** Cloudflare sends at most this many devices per request. */
    static final int CLOUDFLARE_MAX_DEVICES = 1000;

    private void cloudflare(Context ctx) {
        JsonNode devices = body(ctx).path("devices");
        if (!devices.isArray() || devices.size() > CLOUDFLARE_MAX_DEVICES) {
            throw new IllegalArgumentException("the body must have a devices list of at most " + CLOUDFLARE_MAX_DEVICES);
        }
        List<dev.auscult.server.service.PostureScores.Asked> asked = new java.util.ArrayList<>();
        for (JsonNode d : devices) {
            String id = d.path("device_id").asText("");
            if (id.isBlank() || id.length() > 200) {
                throw new IllegalArgumentException("each device needs a device_id (at most 200 characters)");
            }
            asked.add(new dev.auscult.server.service.PostureScores.Asked(id, d.path("email").asText(""), d.path("serial_number").asText(""),
                    d.path("hostname").asText("")));
        }
        ctx.json(dev.auscult.server.service.PostureScores.cloudflare(s.postureScores().score(caller(ctx).account(), asked)));
    }

    private void authenticate(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (ctx.path().equals("/api/v1/openapi.json")) {
            return;
        }
        Optional<String> authorization = Optional.ofNullable(ctx.header("Authorization"));
        Optional<String> serviceTokenId = Optional.ofNullable(ctx.header("CF-Access-Client-Id"));
        if (authorization.isEmpty() && ctx.path().equals(CLOUDFLARE)) {
            // Cloudflare sends the integration's service token as two headers: the token's name and the token
            authorization = Optional.ofNullable(ctx.header("CF-Access-Client-Secret")).map(t -> "Bearer " + t);
        }
        Optional<ApiTokens.Caller> caller = s.apiTokens().caller(authorization)
                .filter(c -> !ctx.path().equals(CLOUDFLARE) || serviceTokenId.isEmpty() || serviceTokenId.get().equals(c.name()));
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"auscult\"");
            problem(ctx, 401, "unauthenticated", "No valid API token", "Send an API token an owner made (Settings → API tokens) as "
                    + "\"Authorization: Bearer ausk_…\"; it may have expired or been revoked.");
            ctx.skipRemainingHandlers();
            return;
        }
        long wait = budget.spend(caller.get().actor(), s.clock().instant());
        if (wait > 0) {
            ctx.header("Retry-After", String.valueOf(wait));
            problem(ctx, 429, "throttled", "Too many requests for this token", "A token may make " + PER_MINUTE + " requests a minute; try again in "
                    + wait + " s.");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(CALLER, caller.get());
    }

    /** Requests a token may make per minute on one server instance: far above any script's need, far below a loop gone wrong. */
    static final int PER_MINUTE = 300;
    private final Budget budget = new Budget(PER_MINUTE);

    /** A fixed window per token and minute, in memory (each instance counts its own requests). */
    static final class Budget {
        private final int perMinute;
        private final java.util.concurrent.ConcurrentHashMap<String, long[]> windows = new java.util.concurrent.ConcurrentHashMap<>();

        Budget(int perMinute) {
            this.perMinute = perMinute;
        }

        /** 0 when the request may go; otherwise the seconds until the next window. */
        long spend(String who, java.time.Instant now) {
            long minute = now.getEpochSecond() / 60;
            long[] w = windows.compute(who, (k, old) -> old == null || old[0] != minute ? new long[] {minute, 1} : new long[] {minute, old[1] + 1});
            if (windows.size() > 10_000) {
                windows.entrySet().removeIf(e -> e.getValue()[0] != minute);   // old windows of tokens no longer calling
            }
            return w[1] <= perMinute ? 0 : 60 - now.getEpochSecond() % 60;
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private void need(Context ctx, Role.Permission permission, Action action) throws Exception {
        ApiTokens.Caller c = caller(ctx);
        if (!c.role().can(permission)) {
            s.audit().record(Optional.of(c.accountId()), c.actor(), "admin.refused", ctx.method().name() + " " + ctx.path()
                    + " needs a role that may " + permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            problem(ctx, 403, "forbidden", "The token's role cannot do this", "This token acts as " + c.role().label()
                    + "; an owner can make one for a role that may.");
            return;
        }
        try {
            action.run();
        } catch (dev.auscult.server.service.ApiError e) {
            if (e.code() != dev.auscult.server.service.ApiError.Code.FORBIDDEN) {
                throw e;
            }
            // the service's own check of the token's role and account: the one that holds if a route's check is missing
            s.audit().record(Optional.of(c.accountId()), c.actor(), "admin.refused", ctx.method().name() + " " + ctx.path() + ": " + e.getMessage());
            problem(ctx, 403, "forbidden", "The token's role cannot do this", e.getMessage());
        } catch (IllegalArgumentException e) {
            problem(ctx, 422, "invalid", "The request cannot be carried out", e.getMessage());
        }
    }

    private static ApiTokens.Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    static void problem(Context ctx, int status, String slug, String title, String detail) {
        ObjectNode p = JSON.createObjectNode().put("type", "https://auscult.dev/problems/" + slug).put("title", title).put("status", status)
                .put("detail", detail);
        ctx.status(status).contentType("application/problem+json").result(p.toString());
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.bodyAsBytes());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static ObjectNode device(Device d) {
        ObjectNode o = JSON.createObjectNode().put("id", d.id()).put("owner", d.ownerEmail()).put("platform", d.platform())
                .put("lastSeen", d.lastSeenAt().toString()).put("activated", d.activatedAt().toString()).put("revoked", d.revokedAt().isPresent());
        d.hostname().ifPresent(v -> o.put("name", v));
        d.osName().ifPresent(v -> o.put("os", v));
        d.osVersion().ifPresent(v -> o.put("osVersion", v));
        d.agentVersion().ifPresent(v -> o.put("agentVersion", v));
        o.put("status", d.latestStatus().orElse(null));
        o.put("key", d.keyBinding().orElse(d.keyBound() ? "software" : "none"));
        d.keyMadeAt().ifPresent(v -> o.put("keyMade", v.toString()));
        d.keyRotationAskedAt().ifPresent(v -> o.put("keyRotationAsked", v.toString()));
        return o;
    }

    private void devices(Context ctx) {
        dev.auscult.server.store.DeviceFilter f = new dev.auscult.server.store.DeviceFilter(Optional.ofNullable(ctx.queryParam("practice")), Optional.ofNullable(ctx.queryParam("verdict")),
                Optional.ofNullable(ctx.queryParam("os")), Optional.ofNullable(ctx.queryParam("owner")), "true".equals(ctx.queryParam("stale")),
                Optional.ofNullable(ctx.queryParam("q")), "seen", true,
                Optional.ofNullable(ctx.queryParam("page")).filter(p -> p.matches("\\d{1,6}")).map(Integer::parseInt).orElse(1));
        dev.auscult.server.store.DevicePage page = s.fleet().devices(caller(ctx).account(), f);
        ObjectNode out = JSON.createObjectNode().put("total", page.total()).put("page", page.page()).put("pages", page.pages());
        ArrayNode list = out.putArray("devices");
        page.devices().forEach(d -> list.add(device(d)));
        ctx.json(out);
    }

    private void device(Context ctx) {
        Account account = caller(ctx).account();
        Optional<Device> d = s.devices().find(account, ctx.pathParam("id"));
        if (d.isEmpty()) {
            problem(ctx, 404, "not-found", "No such device", "This account has no device " + ctx.pathParam("id") + ".");
            return;
        }
        ObjectNode out = device(d.get());
        s.reports().latest(account, d.get().id()).map(r -> ReportSummary.parse(r.body())).ifPresent(r -> {
            ObjectNode latest = out.putObject("latest").put("policy", r.policyName());
            latest.put("status", r.status().orElse(null));
            r.scannedAt().ifPresent(t -> latest.put("scannedAt", t));
            ArrayNode practices = latest.putArray("practices");
            for (ReportSummary.Practice p : r.practices()) {
                ObjectNode po = practices.addObject().put("id", p.id()).put("state", p.state()).put("reason", p.reason());
                po.put("verdict", p.verdict().orElse(null));
                p.evidence().forEach(po.putArray("evidence")::add);
            }
        });
        ctx.json(out);
    }

    private void revoke(Context ctx) {
        Account account = caller(ctx).account();
        Optional<Device> d = s.devices().find(account, ctx.pathParam("id"));
        if (d.isEmpty()) {
            problem(ctx, 404, "not-found", "No such device", "This account has no device " + ctx.pathParam("id") + ".");
            return;
        }
        if (d.get().revokedAt().isEmpty()) {
            s.devices().revoke(account, d.get().id(), caller(ctx).acting());
        }
        ctx.status(204);
    }

    private void rotateKey(Context ctx) {
        Account account = caller(ctx).account();
        Optional<Device> d = s.devices().find(account, ctx.pathParam("id")).filter(x -> x.revokedAt().isEmpty());
        if (d.isEmpty()) {
            problem(ctx, 404, "not-found", "No such device", "This account has no active device " + ctx.pathParam("id") + ".");
            return;
        }
        if (!d.get().keyBound()) {
            problem(ctx, 409, "no-device-key", "The device has no key of its own", "It was activated by an agent without a device key (token "
                    + "only); activating it again with a current agent gives it one.");
            return;
        }
        s.deviceKeys().askRotation(account, d.get().id(), caller(ctx).acting());
        ctx.status(202);
    }

    /**
     * A site's server asks whether an answer its page got from the local API came from the agent of one of this
     * organisation's devices: {@code {"answer": body text, "signature": the Auscult-Signature header, "origin", "nonce"}}.
     */
    private void verifyLocalAnswer(Context ctx) {
        JsonNode in = body(ctx);
        for (String field : List.of("answer", "origin", "nonce")) {
            if (!in.path(field).isTextual()) {
                problem(ctx, 400, "bad-request", "Missing " + field, "Send answer (the body exactly as received), signature (the Auscult-Signature "
                        + "header), origin and nonce (what the page sent) as strings.");
                return;
            }
        }
        var checked = s.localAnswers().check(caller(ctx).account(), new dev.auscult.server.service.LocalAnswers.Presented(in.path("answer").asText(),
                Optional.ofNullable(in.path("signature").textValue()), in.path("origin").asText(), in.path("nonce").asText()));
        ObjectNode out = JSON.createObjectNode().put("valid", checked.valid()).put("reason", checked.reason());
        checked.deviceId().ifPresent(v -> out.put("deviceId", v));
        checked.owner().ifPresent(v -> out.put("owner", v));
        checked.status().ifPresent(v -> out.put("status", v));
        ctx.json(out);
    }

    private void people(Context ctx) {
        ArrayNode list = JSON.createArrayNode();
        s.people().all(caller(ctx).account()).forEach(p -> {
            ObjectNode o = list.addObject().put("email", p.email()).put("active", p.active()).put("source", p.scimId().isPresent() ? "scim" : "import");
            p.name().ifPresent(v -> o.put("name", v));
            p.group().ifPresent(v -> o.put("group", v));
        });
        ctx.json(JSON.createObjectNode().set("people", list));
    }

    private void policies(Context ctx) {
        Account account = caller(ctx).account();
        ObjectNode out = JSON.createObjectNode();
        ObjectNode inForce = out.putObject("inForce");
        s.policies().assignments(account).forEach((g, v) -> inForce.put(g.isEmpty() ? "everyone" : g, v));
        ArrayNode versions = out.putArray("versions");
        for (PolicyVersion v : s.policies().versions(account)) {
            versions.addObject().put("version", v.version()).put("name", v.name()).put("createdAt", v.createdAt().toString())
                    .put("createdBy", v.createdBy()).put("text", v.sourceText().orElse(v.document()));
        }
        ctx.json(out);
    }

    private void publish(Context ctx) {
        JsonNode b = body(ctx);
        String text = b.path("text").asText("");
        Optional<String> group = Optional.ofNullable(b.path("group").textValue()).filter(g -> !g.isBlank());
        try {
            Policies.Published p = s.policies().publish(caller(ctx).account(), group, b.path("name").asText("api"), text, caller(ctx).acting());
            ObjectNode out = JSON.createObjectNode().put("version", p.version()).put("name", p.name()).put("emptyGroup", p.emptyGroup());
            p.warnings().forEach(out.putArray("warnings")::add);
            ctx.status(201).json(out);
        } catch (PolicyException e) {
            invalidPolicy(ctx, e);
        }
    }

    private static void invalidPolicy(Context ctx, PolicyException e) {
        ObjectNode p = JSON.createObjectNode().put("type", "https://auscult.dev/problems/invalid-policy").put("title", "The policy is not valid")
                .put("status", 422).put("detail", "Nothing was published; each problem is file:line:column: key: what is wrong.");
        e.problems().forEach(p.putArray("errors")::add);
        ctx.status(422).contentType("application/problem+json").result(p.toString());
    }

    private void preview(Context ctx) {
        try {
            PolicyPreview.Effect e = s.preview().of(caller(ctx).account(), s.policies().validate("api", body(ctx).path("text").asText("")));
            ObjectNode out = JSON.createObjectNode().put("devices", e.devices()).put("changed", e.changed()).put("newlyFailing", e.newlyFailing())
                    .put("noLongerFailing", e.noLongerFailing());
            ArrayNode practices = out.putArray("practices");
            for (PolicyPreview.PracticeChange c : e.practices()) {
                ObjectNode o = practices.addObject().put("practice", c.practice()).put("startFailing", c.startFailing()).put("stopFailing", c.stopFailing());
                c.startFailingDevices().forEach(o.putArray("startFailingDevices")::add);
                c.stopFailingDevices().forEach(o.putArray("stopFailingDevices")::add);
            }
            PolicyPreview.SignInEffect si = e.signIn();
            ObjectNode signIn = out.putObject("signIn").put("on", si.on().toString()).put("blocked", si.blocked()).put("warned", si.warned())
                    .put("allowed", si.allowed()).put("notSeen", si.notSeen());
            ObjectNode blocking = signIn.putObject("blockingPractices");
            si.blockingPractices().forEach(blocking::put);
            si.blockedDevices().forEach(signIn.putArray("blockedDevices")::add);
            ctx.json(out);
        } catch (PolicyException e) {
            invalidPolicy(ctx, e);
        }
    }

    private void rollback(Context ctx) {
        JsonNode b = body(ctx);
        if (!b.path("version").canConvertToInt()) {
            throw new IllegalArgumentException("version must be a whole number");
        }
        s.policies().rollback(caller(ctx).account(), Optional.ofNullable(b.path("group").textValue()).filter(g -> !g.isBlank()),
                b.path("version").asInt(), caller(ctx).acting());
        ctx.status(204);
    }

    private void send(Context ctx) {
        JsonNode b = body(ctx);
        JsonNode who = b.path("audience");
        Audience audience;
        if (who.isArray()) {
            List<String> emails = new ArrayList<>();
            who.forEach(e -> emails.add(e.asText()));
            audience = new Audience.Listed(emails, b.path("addToPeople").asBoolean(false));
        } else {
            audience = switch (who.asText("")) {
                case "everyone" -> new Audience.Everyone();
                case "without-device" -> new Audience.WithoutDevice();
                default -> throw new IllegalArgumentException("audience is \"everyone\", \"without-device\" or a list of addresses");
            };
        }
        var report = s.sender().send(caller(ctx).account(), audience, caller(ctx).acting());
        ObjectNode out = JSON.createObjectNode().put("batch", report.batchId()).put("sent", report.sent()).put("failed", report.failed())
                .put("notInPeople", report.notInPeople());
        ArrayNode outcomes = out.putArray("outcomes");
        report.outcomes().forEach(o -> {
            ObjectNode n = outcomes.addObject().put("email", o.email()).put("status", o.status());
            o.problem().ifPresent(p -> n.put("problem", p));
        });
        ctx.json(out);
    }

    private void audit(Context ctx) {
        int limit = Optional.ofNullable(ctx.queryParam("limit")).filter(l -> l.matches("\\d{1,5}")).map(Integer::parseInt).orElse(200);
        ArrayNode list = JSON.createArrayNode();
        s.audit().recent(caller(ctx).account(), Math.min(limit, 10_000)).forEach(e -> list.addObject().put("at", e.at().toString())
                .put("actor", e.actor()).put("action", e.action()).put("detail", e.detail()));
        ctx.json(JSON.createObjectNode().set("entries", list));
    }
}
