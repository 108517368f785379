package dev.auscult.server.http;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.server.ServerServices;
import dev.auscult.server.store.Database;
import dev.auscult.server.store.Failures;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side: the agent's GraphQL endpoint, SCIM, and {@code /health}. Stateless — every request reads
 * and writes the database — so instances can be added behind a load balancer. A database outage answers
 * 503 with Retry-After (the agent's outbox keeps its reports meanwhile); stopping drains requests in flight.
 */
public final class ServerApp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServerApp.class.getName());
    private static final String RETRY_AFTER_SECONDS = "30";

    private final ServerServices services;
    private final AgentApi api;
    private final ScimEndpoint scim;
    private final ObjectMapper json = new ObjectMapper();
    private final Javalin app;
    private final dev.auscult.server.push.DeliveryWorker worker;

    public ServerApp(ServerServices services) {
        this.services = services;
        this.api = new AgentApi(services.devices(), services.reports(), services.policies(), services.proofs(), services.signIns(), services.deviceKeys());
        this.scim = new ScimEndpoint(services.scim());
        this.worker = new dev.auscult.server.push.DeliveryWorker(services.deliveries(),
                new dev.auscult.server.push.SecurityEvents(() -> services.signIns().keys().current()), () -> ownBase, services.clock());
        var cfg = services.config();
        this.app = Javalin.create(c -> {
            c.http.maxRequestSize = cfg.maxRequestBytes();
            c.concurrency.useVirtualThreads = true;
            c.startup.showJavalinBanner = false;
            // Stopping waits up to 20 s for requests in flight (an agent's report half-sent is finished,
            // not cut): Jetty's graceful shutdown needs a GracefulHandler and a stop timeout.
            c.jetty.modifyServer(server -> {
                server.setStopTimeout(20_000);
                server.insertHandler(new RetryLaterWhileStopping(RETRY_AFTER_SECONDS));
            });
            cfg.tls().ifPresent(tls -> c.jetty.addConnector((server, http) -> Tls.connector(server, http, tls, cfg.bind(), cfg.port())));
            c.routes.before(ServerApp::baselineHeaders);
            c.routes.post("/graphql", this::graphql);
            c.routes.get("/health", this::health);
            c.routes.get("/.well-known/auscult", this::wellKnown);
            c.routes.get("/.well-known/ssf-configuration", this::sharedSignals);
            c.routes.get("/scim/v2/Users", scim::list);
            c.routes.post("/scim/v2/Users", scim::create);
            c.routes.get("/scim/v2/Users/{id}", scim::get);
            c.routes.put("/scim/v2/Users/{id}", scim::replace);
            c.routes.patch("/scim/v2/Users/{id}", scim::patch);
            c.routes.delete("/scim/v2/Users/{id}", scim::delete);
            new ConsoleRoutes(services).register(c.routes);
            new ApiV1(services, () -> ownBase).register(c.routes);
            new DeviceStep(services, this::publicBase).register(c.routes);
            c.routes.get("/", ctx -> ctx.redirect("/console"));
            c.routes.exception(Exception.class, this::failure);
            // Javalin's own 404 names the path it was asked for: a reflected value, answered in fixed words instead
            c.routes.exception(io.javalin.http.NotFoundResponse.class, (e, ctx) -> ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found."));
            c.requestLogger.http((ctx, ms) -> LOG.log(Level.INFO, "{0} {1} {2} {3} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));
        });
    }

    /** Starts listening and sending deliveries; returns the bound port (useful with port 0). */
    public int start() {
        var cfg = services.config();
        if (cfg.tls().isPresent()) {
            app.start();
        } else {
            app.start(cfg.bind(), cfg.port());
        }
        int port = app.port(); // the TLS connector's port, resolved only now when it was 0
        // the issuer of pushed security events: the public URL, else this server's own address
        ownBase = cfg.publicUrl().map(u -> u.replaceAll("/+$", "")).orElse((cfg.tls().isPresent() ? "https" : "http") + "://"
                + (cfg.bind().equals("0.0.0.0") || cfg.bind().equals("::") ? "localhost" : cfg.bind()) + ":" + port);
        worker.start();
        return port;
    }

    private volatile String ownBase = "";

    private void graphql(Context ctx) throws Exception {
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            badRequest(ctx, "the body is not JSON");
            return;
        }
        if (body == null || !body.path("query").isTextual()) {
            badRequest(ctx, "a GraphQL request needs a query");
            return;
        }
        Map<String, Object> variables = body.path("variables").isObject() ? json.convertValue(body.get("variables"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }) : Map.of();
        AgentApi.Call call = new AgentApi.Call(Optional.ofNullable(ctx.header("JupiterOne-Account")), Optional.ofNullable(ctx.header("Authorization")),
                client(ctx), Optional.ofNullable(ctx.header("DPoP")), java.net.URI.create(requestBase(ctx) + ctx.path()), ctx.bodyAsBytes());
        AgentApi.Answer answer = api.execute(body.get("query").asText(), Optional.ofNullable(body.path("operationName").textValue()), variables, call);
        byte[] spec = json.writeValueAsBytes(answer.result().toSpecification());
        switch (answer.outcome()) {
            case AgentApi.Outcome.Unavailable u -> unavailable(ctx);
            case AgentApi.Outcome.Throttled t -> ctx.header("Retry-After", String.valueOf(Math.max(1, t.retryAfter().toSeconds())))
                    .status(429).contentType("application/json").result(spec);
            case AgentApi.Outcome.Answered a -> ctx.status(200).contentType("application/json").result(spec);
        }
    }

    /**
     * The agent's address, for the activation attempt limit. Behind a trusted reverse proxy (trustedProxies)
     * it is the last X-Forwarded-For hop that is not a trusted proxy; anyone else's X-Forwarded-For is ignored,
     * or a guesser could claim a new address with every try.
     */
    String client(Context ctx) {
        return clientAddress(ctx.ip(), Optional.ofNullable(ctx.header("X-Forwarded-For")), services.config().trustedProxies());
    }

    static String clientAddress(String peer, Optional<String> forwardedFor, java.util.List<String> trusted) {
        if (!trusted.contains(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        String[] hops = forwardedFor.get().split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }

    /**
     * Every answer, not only the console's pages: the API, SCIM, /health and 404s are not for framing or sniffing
     * either. The console replaces the policy with its own (it serves a stylesheet and forms).
     */
    private static void baselineHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    }

    /**
     * Where an agent finds this server's API from an address a person can type or paste — the server's base or its
     * console URL: a small versioned document naming the GraphQL endpoint and, with {@code ?account=ID}, the
     * organisation, so the agent can show "Acme" before it sends a code. Public by design: it says nothing a
     * failed activation would not (an unknown account simply has no organisation here).
     */
    private void wellKnown(Context ctx) throws Exception {
        Optional<dev.auscult.server.store.Organisation> account = Optional.ofNullable(ctx.queryParam("account"))
                .filter(a -> a.matches("[A-Za-z0-9._-]{1,64}")).flatMap(services.accounts()::find);
        String base = account.flatMap(a -> services.settings().publicUrl(a.account())).or(() -> services.config().publicUrl())
                .orElseGet(() -> requestBase(ctx));
        ObjectNode out = json.createObjectNode().put("format", "auscult-server/1").put("graphql", base + "/graphql").put("console", base + "/console");
        account.ifPresent(a -> out.putObject("organisation").put("account", a.id())
                .put("name", services.settings().get(a.account()).displayName().orElse(a.name())));
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType("application/json").result(json.writeValueAsBytes(out));
    }

    /** The server's public base: its configured publicUrl, else this request's own base. */
    private String publicBase(Context ctx) {
        return services.config().publicUrl().orElseGet(() -> requestBase(ctx));
    }

    /** This request's own base URL, when no publicUrl is set: its scheme (a trusted proxy's X-Forwarded-Proto) and Host. */
    private String requestBase(Context ctx) {
        boolean proxied = services.config().trustedProxies().contains(ctx.ip());
        String scheme = Optional.ofNullable(proxied ? ctx.header("X-Forwarded-Proto") : null).filter(p -> p.equals("https") || p.equals("http"))
                .orElse(ctx.scheme());
        return scheme + "://" + ctx.host();
    }

    /**
     * The Shared Signals transmitter's metadata (OpenID SSF 1.0): push delivery (RFC 8935) of tokens signed with the keys
     * at {@code /oidc/jwks}. Streams are set up by an administrator in the console (a receiver's endpoint, audience and
     * token) or by the receiver through the stream management API with an API token (bearer, RFC 6750).
     */
    private void sharedSignals(Context ctx) throws Exception {
        String base = publicBase(ctx).replaceAll("/+$", "");
        ObjectNode out = json.createObjectNode().put("spec_version", "1_0").put("issuer", base).put("jwks_uri", base + "/oidc/jwks");
        out.putArray("delivery_methods_supported").add("urn:ietf:rfc:8935");
        out.putArray("critical_subject_members").add("user").add("device");
        out.put("configuration_endpoint", base + ApiV1.SSF_STREAMS).put("status_endpoint", base + ApiV1.SSF_STATUS)
                .put("verification_endpoint", base + ApiV1.SSF_VERIFY);
        out.putArray("authorization_schemes").addObject().put("spec_urn", "urn:ietf:rfc:6750");
        ctx.header("Cache-Control", "max-age=300").contentType("application/json").result(json.writeValueAsBytes(out));
    }

    /** Healthy means reports would be kept now: the database took a write, not merely opened a connection. */
    private void health(Context ctx) throws Exception {
        Database.Health db = services.database().health();
        ObjectNode out = json.createObjectNode().put("status", db.writable() ? "ok" : "unavailable").put("database", db.state());
        if (!db.writable()) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        ctx.status(db.writable() ? 200 : 503).contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private void failure(Exception e, Context ctx) {
        if (e instanceof dev.auscult.server.service.ApiError refused && refused.code() == dev.auscult.server.service.ApiError.Code.FORBIDDEN) {
            // a service refused the console's administrator (their role or account): the check that holds even where a
            // route forgot its own; said and audited like the route's refusal
            LOG.log(Level.WARNING, "{0} {1} refused by the service: {2}", ctx.method(), ctx.path(), refused.getMessage());
            ctx.status(403).contentType("text/plain; charset=utf-8").result("Your role cannot do this: " + dev.auscult.report.TerminalText.oneLine(
                    String.valueOf(refused.getMessage())) + ".\nAn owner of the account can, or can give you a role that may.\n");
            return;
        }
        if (e instanceof IllegalArgumentException mistake) {
            // the services' word for "this input cannot be done" (no such version, not an e-mail address, a device
            // of another account): the person's mistake, said plainly, never a bare 500
            String why = mistake instanceof NumberFormatException ? "a whole number was expected" : String.valueOf(mistake.getMessage());
            ctx.status(400).contentType("text/plain; charset=utf-8").result("This cannot be done: " + dev.auscult.report.TerminalText.oneLine(why)
                    + ".\nGo back, correct it and try again.\n");
            return;
        }
        if (Failures.isUnavailable(e)) {
            LOG.log(Level.WARNING, "{0} {1}: the database cannot take it now ({2}); answered 503", ctx.method(), ctx.path(), Failures.reason(e));
            unavailable(ctx);
            return;
        }
        LOG.log(Level.ERROR, "request " + ctx.method() + " " + ctx.path() + " failed", e);
        ctx.status(500).contentType("application/json").result("{\"errors\":[{\"message\":\"internal error\"}]}");
    }

    private void unavailable(Context ctx) {
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        ctx.status(503).contentType("application/json").result("{\"errors\":[{\"message\":\"the database is unavailable; try again later\"}]}");
    }

    /**
     * A request that is not a GraphQL request at all (a body cut short, not JSON): answered without a GraphQL
     * error, because agents set a report aside only on the contract's explicit refusals — a transport
     * problem must make them retry, not drop the report.
     */
    private void badRequest(Context ctx, String message) throws Exception {
        ObjectNode err = json.createObjectNode().put("error", message);
        ctx.status(400).contentType("application/json").result(json.writeValueAsBytes(err));
    }

    /** Stops accepting, lets requests in flight finish, stops sending deliveries (what is unsent stays in the outbox), then closes. */
    @Override
    public void close() {
        app.stop();
        worker.close();
    }
}
