package dev.auscult.server.http;

import dev.auscult.server.store.Settings;
import dev.auscult.server.store.Device;
import dev.auscult.server.store.CodeStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.report.ReportSummary;
import dev.auscult.server.ServerServices;
import dev.auscult.server.console.Charts;
import dev.auscult.server.console.LineDiff;
import dev.auscult.server.console.Nav;
import dev.auscult.server.console.When;
import dev.auscult.server.service.ActivationSender;
import dev.auscult.server.service.Admins;
import dev.auscult.server.service.Audience;
import dev.auscult.server.service.Devices;
import dev.auscult.server.service.Fleet;
import dev.auscult.server.service.Policies;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import dev.auscult.server.service.ActivationCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The administrators' web console: server-rendered pages (typed jte templates, escaped by default), no
 * script. Every page but sign-in needs a session (an HttpOnly, Secure, SameSite=Strict cookie); every
 * form carries the session's CSRF token, and a POST without the right one is refused. The console uses
 * the same service layer as the admin CLI.
 */
final class ConsoleRoutes {

    static final String COOKIE = "auscult_session";
    private static final String SESSION = "session";

    private final ServerServices s;
    private final Admins admins;
    private final Fleet fleet;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final dev.auscult.server.console.EvidenceWords evidenceWords = new dev.auscult.server.console.EvidenceWords(dev.auscult.probe.SourceCatalog.bundled());
    private final byte[] css;
    private final ObjectMapper json = new ObjectMapper();

    private final ConsoleSso sso;

    ConsoleRoutes(ServerServices services) {
        this.s = services;
        this.sso = new ConsoleSso(services);
        this.admins = services.admins();
        this.fleet = services.fleet();
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/dev/auscult/server/console/console.css")) {
            this.css = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the console's stylesheet is missing", e);
        }
    }

    void register(RoutesConfig r) {
        r.before("/console/*", this::guard);
        r.before("/console", this::guard);
        r.get("/console/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600").result(css));
        r.get("/console/sign-in", ctx -> signInPage(ctx, "", ""));
        r.post("/console/sign-in", this::signIn);
        r.get("/console/sso/start", this::ssoStart);
        r.get("/console/sso/callback", this::ssoCallback);
        r.get("/console/sso", ctx -> ssoSettings(ctx, Optional.empty(), Optional.empty()));
        r.post("/console/sso", this::saveSso);
        r.post("/console/sign-out", this::signOut);
        r.get("/console", this::overview);
        r.get("/console/devices", this::devices);
        r.get("/console/devices.csv", this::devicesCsv);
        r.get("/console/devices/{id}", this::device);
        r.post("/console/devices/{id}/revoke", this::revoke);
        r.post("/console/devices/{id}/rotate-key", ctx -> {
            s.deviceKeys().askRotation(session(ctx).accountId(), ctx.pathParam("id"), actor(ctx));
            ctx.redirect("/console/devices/" + enc(ctx.pathParam("id")));
        });
        r.get("/console/activations", ctx -> activations(ctx, Optional.empty(), Optional.empty()));
        r.post("/console/activations/send", this::send);
        r.post("/console/activations/resume", this::resumeSend);
        r.post("/console/activations/export", this::export);
        r.post("/console/activations/revoke-pending", ctx -> {
            long pending = s.codes().list(session(ctx).accountId()).stream().filter(c -> c.state(s.clock().instant()).equals("pending")).count();
            if (!confirmed(ctx, "Revoke all pending codes?", "This withdraws " + pending + " pending activation code" + (pending == 1 ? "" : "s")
                    + ": whoever has not activated yet needs a new code.", Map.of(), "Revoke " + pending + " codes", "/console/activations")) {
                return;
            }
            int n = s.codes().revokePending(session(ctx).accountId(), Optional.empty(), actor(ctx));
            activations(ctx, Optional.empty(), Optional.of(n + " pending codes revoked."));
        });
        r.get("/console/policy", ctx -> policyPage(ctx, "default".equals(ctx.queryParam("start")) ? Policies.bundledText() : s.policies().textInForce(session(ctx).accountId()),
                "", List.of(), List.of(), List.of(), Optional.empty(), Optional.empty()));
        r.get("/console/people", ctx -> people(ctx, Optional.empty(), List.of()));
        r.get("/console/brand.css", this::brand);
        r.get("/console/settings", ctx -> settings(ctx, Optional.empty(), Optional.empty()));
        r.post("/console/settings", this::saveSettings);
        r.post("/console/settings/test-mail", this::testMail);
        r.post("/console/people/import", this::importPeople);
        r.post("/console/people/scim-token", this::scimToken);
        r.get("/console/rollout", ctx -> rollout(ctx, Optional.empty()));
        r.post("/console/rollout", this::rolloutKit);
        r.get("/console/device-trust", ctx -> deviceTrust(ctx, Optional.empty(), Optional.empty()));
        r.post("/console/device-trust/clients", this::registerSignInClient);
        r.post("/console/device-trust/clients/revoke", ctx -> {
            boolean done = s.signInClients().revoke(session(ctx).accountId(), String.valueOf(ctx.formParam("client")), actor(ctx));
            deviceTrust(ctx, done ? Optional.of("Revoked: sign-ins through it stop now.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("No such client in this account, or it was already revoked."));
        });
        r.post("/console/device-trust/exceptions", ctx -> {
            try {
                var g = s.signInExceptions().grant(session(ctx).accountId(), Optional.ofNullable(ctx.formParam("person")),
                        Optional.ofNullable(ctx.formParam("practice")), ctx.formParam("reason"),
                        Integer.parseInt(Optional.ofNullable(ctx.formParam("days")).orElse("7").strip()), actor(ctx));
                deviceTrust(ctx, Optional.of("Exception #" + g.id() + " in force: " + g.describe()), Optional.empty());
            } catch (IllegalArgumentException e) {
                deviceTrust(ctx, Optional.empty(), Optional.of(e instanceof NumberFormatException ? "days must be a whole number" : e.getMessage()));
            }
        });
        r.post("/console/device-trust/exceptions/revoke", ctx -> {
            boolean done = s.signInExceptions().revoke(session(ctx).accountId(), Long.parseLong(String.valueOf(ctx.formParam("id")).strip()),
                    actor(ctx));
            deviceTrust(ctx, done ? Optional.of("Exception revoked: the practice counts again at the next sign-in.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("No such exception in force in this account."));
        });
        r.get("/console/push", ctx -> push(ctx, Optional.empty(), Optional.empty()));
        r.post("/console/push/webhook", ctx -> {
            try {
                var made = s.deliveries().add(session(ctx).accountId(), dev.auscult.server.store.DeliveryTarget.Kind.WEBHOOK, ctx.formParam("name"),
                        ctx.formParam("url"), Optional.empty(), Optional.empty(), actor(ctx));
                attachment(ctx, "auscult-webhook-" + made.target().id() + ".txt").contentType("text/plain; charset=utf-8")
                        .result("Auscult webhook \u201c" + made.target().name() + "\u201d to " + made.target().url()
                        + "\nSigning secret (Standard Webhooks: HMAC-SHA256 over webhook-id.webhook-timestamp.body, header webhook-signature: v1,<base64>):\n"
                        + made.secret().orElseThrow() + "\n");
            } catch (IllegalArgumentException e) {
                push(ctx, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        r.post("/console/push/ssf", ctx -> {
            try {
                var made = s.deliveries().add(session(ctx).accountId(), dev.auscult.server.store.DeliveryTarget.Kind.SSF, ctx.formParam("name"),
                        ctx.formParam("url"), Optional.ofNullable(ctx.formParam("audience")), Optional.ofNullable(ctx.formParam("token")), actor(ctx));
                push(ctx, Optional.of("Added \u201c" + made.target().name() + "\u201d: changes from now on are pushed to it."), Optional.empty());
            } catch (IllegalArgumentException e) {
                push(ctx, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        r.post("/console/push/tailscale", ctx -> {
            try {
                String api = Optional.ofNullable(ctx.formParam("url")).map(String::strip).filter(u -> !u.isEmpty()).orElse("https://api.tailscale.com/api/v2");
                var made = s.deliveries().add(session(ctx).accountId(), dev.auscult.server.store.DeliveryTarget.Kind.TAILSCALE, ctx.formParam("name"),
                        api, Optional.ofNullable(ctx.formParam("tailnet")), Optional.ofNullable(ctx.formParam("token")), actor(ctx));
                push(ctx, Optional.of("Added \u201c" + made.target().name() + "\u201d: each device's custom:auscultCompliant is set from now on."),
                        Optional.empty());
            } catch (IllegalArgumentException e) {
                push(ctx, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        r.post("/console/push/jupiterone", ctx -> {
            try {
                String api = Optional.ofNullable(ctx.formParam("url")).map(String::strip).filter(u -> !u.isEmpty())
                        .orElse(dev.auscult.server.service.Deliveries.JUPITERONE_API);
                var made = s.deliveries().add(session(ctx).accountId(), dev.auscult.server.store.DeliveryTarget.Kind.JUPITERONE, ctx.formParam("name"),
                        api, Optional.ofNullable(ctx.formParam("account")), Optional.ofNullable(ctx.formParam("key")), actor(ctx));
                push(ctx, Optional.of("Added \u201c" + made.target().name() + "\u201d: each device's posture is written to JupiterOne from now on."),
                        Optional.empty());
            } catch (IllegalArgumentException e) {
                push(ctx, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        r.post("/console/push/test", ctx -> {
            long id = Long.parseLong(String.valueOf(ctx.formParam("id")).strip());
            boolean queued = s.deliveries().test(session(ctx).accountId(), id, actor(ctx));
            push(ctx, queued ? Optional.of("A test event is on its way; the table shows when it was delivered.") : Optional.empty(),
                    queued ? Optional.empty() : Optional.of("No such active target."));
        });
        r.post("/console/push/disable", ctx -> {
            boolean done = s.deliveries().disable(session(ctx).accountId(), Long.parseLong(String.valueOf(ctx.formParam("id")).strip()), actor(ctx));
            push(ctx, done ? Optional.of("Disabled: nothing more is queued for it.") : Optional.empty(), done ? Optional.empty() : Optional.of("No such active target."));
        });
        r.get("/console/api-tokens", ctx -> apiTokens(ctx, Optional.empty(), Optional.empty()));
        r.post("/console/api-tokens", this::makeApiToken);
        r.post("/console/api-tokens/revoke", ctx -> {
            long id = Long.parseLong(Optional.ofNullable(ctx.formParam("id")).orElse("0"));
            boolean done = s.apiTokens().revoke(session(ctx).accountId(), id, actor(ctx));
            apiTokens(ctx, done ? Optional.of("Revoked; it stops working now.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("No such token in this account, or it was revoked already."));
        });
        r.get("/console/administrators", ctx -> administrators(ctx, Optional.empty(), Optional.empty()));
        r.post("/console/administrators/add", this::addAdministrator);
        r.post("/console/administrators/password", this::setAdministratorPassword);
        r.post("/console/administrators/role", ctx -> {
            String who = Optional.ofNullable(ctx.formParam("username")).orElse("");
            try {
                dev.auscult.server.service.Role role = dev.auscult.server.service.Role.parse(Optional.ofNullable(ctx.formParam("role")).orElse(""));
                boolean done = s.admins().changeRole(session(ctx).accountId(), who, role, actor(ctx));
                administrators(ctx, done ? Optional.of(who + " is now " + role.label() + ".") : Optional.empty(),
                        done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
            } catch (IllegalArgumentException e) {
                administrators(ctx, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        r.post("/console/administrators/unlock", ctx -> {
            String who = Optional.ofNullable(ctx.formParam("username")).orElse("");
            boolean done = s.admins().unlock(session(ctx).accountId(), who, actor(ctx));
            administrators(ctx, done ? Optional.of("Sign-in holds on " + who + " lifted.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
        });
        r.post("/console/administrators/remove", ctx -> {
            String who = Optional.ofNullable(ctx.formParam("username")).orElse("");
            if (!confirmed(ctx, "Remove " + who + "?", who + " can no longer sign in to the console; their sessions end now.",
                    Map.of("username", who), "Remove " + who, "/console/administrators")) {
                return;
            }
            try {
                boolean done = s.admins().remove(session(ctx).accountId(), who, actor(ctx));
                administrators(ctx, done ? Optional.of(who + " was removed.") : Optional.empty(),
                        done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
            } catch (IllegalArgumentException e) {
                administrators(ctx, Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        r.post("/console/activations/resend", ctx -> activations(ctx, Optional.of(s.sender().send(session(ctx).accountId(),
                new Audience.Listed(List.of(Optional.ofNullable(ctx.formParam("email")).orElse(""))), actor(ctx))), Optional.empty()));
        r.post("/console/activations/revoke", ctx -> {
            long id = Long.parseLong(Optional.ofNullable(ctx.formParam("code")).filter(v -> v.matches("\\d{1,18}")).orElse("0"));
            boolean done = s.codes().revokeOne(session(ctx).accountId(), id, actor(ctx));
            activations(ctx, Optional.empty(), Optional.of(done ? "The code was revoked." : "That code was not pending any more."));
        });
        r.post("/console/policy", this::policyPost);
        r.post("/console/policy/rollback", this::rollback);
        r.get("/console/audit", ctx -> render(ctx, "audit.jte", Map.of("nav", nav(ctx, "audit"), "entries", s.audit().recent(session(ctx).accountId(), 200))));
    }

    /** Sessions and CSRF for everything under /console but the stylesheet and the sign-in page. */
    private Optional<String> forwardedProto(Context ctx) {
        return s.config().trustedProxies().contains(ctx.ip()) ? Optional.ofNullable(ctx.header("X-Forwarded-Proto")) : Optional.empty();
    }

    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        String path = ctx.path();
        if (path.equals("/console/console.css")) {
            return;
        }
        if (!BrowserTransport.keepsSecureCookies(ctx.scheme(), forwardedProto(ctx), ctx.host())) {
            // a Secure cookie set over plain HTTP is dropped: sign-in would loop silently, and the password travels in clear
            ctx.status(403);
            render(ctx, "needs-https.jte", Map.of("host", BrowserTransport.hostName(ctx.host()), "port", ctx.req().getLocalPort()));
            ctx.skipRemainingHandlers();
            return;
        }
        if (path.equals("/console/sign-in") || path.equals("/console/sso/start") || path.equals("/console/sso/callback")) {
            return;
        }
        ctx.header("Cache-Control", "no-store");
        Optional<Admins.Session> session = admins.session(Optional.ofNullable(ctx.cookie(COOKIE)));
        if (session.isEmpty()) {
            if (ctx.method().name().equals("GET")) {
                ctx.redirect("/console/sign-in");
            } else {
                ctx.status(403).result("Your session has ended; sign in again.");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.method().name().equals("POST")) {
            String token = Optional.ofNullable(ctx.formParam("_csrf")).orElse("");
            if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), session.get().csrf().getBytes(StandardCharsets.UTF_8))) {
                ctx.status(403).result("This form has expired or did not come from the console; reload the page and try again.");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        dev.auscult.server.service.Role.Permission needed = needed(ctx);
        if (!session.get().role().can(needed)) {
            // the page never offered it; a hand-made request gets the reason, in the audit log too
            s.audit().record(Optional.of(session.get().accountId()), "console:" + session.get().username() + " (" + session.get().role().label() + ")", "admin.refused",
                    ctx.method().name() + " " + path + " needs a role that may " + needed.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            ctx.status(403).contentType("text/plain; charset=utf-8").result("Your role (" + session.get().role().label() + ") cannot do this; "
                    + "an owner of the account can, or can give you a role that may.");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(SESSION, session.get());
    }

    /** What a request needs: reading for pages, the matching permission for every change. */
    private static dev.auscult.server.service.Role.Permission needed(Context ctx) {
        String path = ctx.path();
        boolean post = ctx.method().name().equals("POST");
        if (path.startsWith("/console/administrators")) {
            return dev.auscult.server.service.Role.Permission.ADMINISTRATORS;
        }
        if (path.startsWith("/console/settings") || path.startsWith("/console/rollout") || path.equals("/console/people/scim-token")
                || path.startsWith("/console/api-tokens") || path.startsWith("/console/device-trust/clients") || path.equals("/console/sso")
                || (post && path.startsWith("/console/push"))) {
            return dev.auscult.server.service.Role.Permission.SETTINGS;
        }
        if (path.equals("/console/devices.csv")) {
            return dev.auscult.server.service.Role.Permission.EXPORT;
        }
        if (!post || path.equals("/console/sign-out")) {
            return dev.auscult.server.service.Role.Permission.READ;
        }
        if (path.startsWith("/console/devices/") || path.startsWith("/console/device-trust/exceptions")) {
            return dev.auscult.server.service.Role.Permission.DEVICES;
        }
        if (path.startsWith("/console/activations") || path.startsWith("/console/people")) {
            return dev.auscult.server.service.Role.Permission.PEOPLE_AND_CODES;
        }
        if (path.equals("/console/policy") && !"publish".equals(ctx.formParam("action"))) {
            return dev.auscult.server.service.Role.Permission.READ;   // checking a draft changes nothing
        }
        return dev.auscult.server.service.Role.Permission.POLICY;   // publish, rollback
    }

    /** A file to download that holds a secret or live codes: saved, never shown, never cached. */
    private static Context attachment(Context ctx, String filename) {
        return ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"").header("Cache-Control", "no-store");
    }

    /** A new console session: its cookie (HttpOnly, Secure, SameSite=Strict, the whole site). */
    private static void startSession(Context ctx, String sessionId) {
        Cookie c = new Cookie(COOKIE, sessionId);
        c.setHttpOnly(true);
        c.setSecure(true);
        c.setSameSite(SameSite.STRICT);
        c.setPath("/");
        ctx.cookie(c);
    }

    /** This account's public address (its own or the server's publicUrl), else the address this page was reached at. */
    private String publicBase(Context ctx, String account) {
        return s.settings().publicUrl(account).map(u -> u.replaceAll("/+$", "")).orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }

    private static Admins.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** Who acts, as the audit log says it: the door (the console), the administrator and the role they act in. */
    /** The signed-in administrator as the services take them: account, role, and the console as the door. */
    private static dev.auscult.server.service.Actor actor(Context ctx) {
        Admins.Session a = session(ctx);
        return new dev.auscult.server.service.Actor(a.accountId(), a.username(), a.role(), dev.auscult.server.service.Actor.Door.CONSOLE);
    }

    private static Nav nav(Context ctx, String section) {
        Admins.Session a = session(ctx);
        return new Nav(a.username(), a.accountId(), a.csrf(), section, a.role());
    }

    private void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    private void signInPage(Context ctx, String error, String username) {
        List<String> sso = s.adminSso().accounts();
        // the single sign-on form (several organisations) is redirected to a provider: Chrome checks form-action on redirects too
        String providers = sso.size() < 2 ? "" : String.join(" ", sso.stream().flatMap(a -> s.adminSso().find(a).stream())
                .map(c -> java.net.URI.create(c.issuer())).map(u -> u.getScheme() + "://" + u.getRawAuthority()).distinct().toList());
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'" + (providers.isEmpty() ? "" : " " + providers)
                + "; frame-ancestors 'none'; base-uri 'none'");
        render(ctx, "signin.jte", Map.of("error", error, "username", username, "ssoAccounts", sso.size(),
                "ssoAccount", sso.size() == 1 ? sso.getFirst() : ""));
    }

    /** The console's own address for the provider's answer: the public URL when set (what the provider was told), else this request's. */
    private String ssoCallback(Context ctx, String account) {
        return publicBase(ctx, account) + "/console/sso/callback";
    }

    private void ssoStart(Context ctx) {
        String account = Optional.ofNullable(ctx.queryParam("account")).map(String::strip).filter(a -> a.matches("[A-Za-z0-9._-]{1,64}")).orElse("");
        try {
            ctx.redirect(sso.start(ctx, account, ssoCallback(ctx, account)).toString());
        } catch (ConsoleSso.Refusal r) {
            ctx.status(400);
            signInPage(ctx, r.getMessage(), "");
        }
    }

    private void ssoCallback(Context ctx) {
        String client = ServerApp.clientAddress(ctx.ip(), Optional.ofNullable(ctx.header("X-Forwarded-For")), s.config().trustedProxies());
        try {
            String account = s.adminSso().accounts().size() == 1 ? s.adminSso().accounts().getFirst() : "";
            Admins.SignIn.Ok ok = sso.finish(ctx, ssoCallback(ctx, account), client);
            startSession(ctx, ok.sessionId());
            // a Strict cookie is not sent on a redirect that began at the provider (cross-site): this page moves on by itself, same-site
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'");
            ctx.contentType("text/html; charset=utf-8").result("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta http-equiv=\"refresh\" content=\"0;url=/console\"><title>Signed in · Auscult</title>"
                    + "<link rel=\"stylesheet\" href=\"/console/console.css\"></head><body class=\"signin\"><main><p>Signed in. "
                    + "<a href=\"/console\" id=\"continue\">Continue to the console</a></p></main></body></html>");
        } catch (ConsoleSso.Refusal r) {
            ctx.status(403);
            signInPage(ctx, r.getMessage(), "");
        }
    }

    private void ssoSettings(Context ctx, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            ctx.status(422);
        }
        String account = session(ctx).accountId();
        render(ctx, "sso.jte", Map.of("nav", nav(ctx, "settings"), "config", s.adminSso().find(account), "callback", ssoCallback(ctx, account),
                "message", message, "error", error, "form", Map.<String, String>of()));
    }

    private void saveSso(Context ctx) {
        String account = session(ctx).accountId();
        try {
            s.adminSso().save(account, ctx.formParam("issuer"), ctx.formParam("clientId"), Optional.ofNullable(ctx.formParam("clientSecret")),
                    ctx.formParam("groupsClaim"), ctx.formParam("mappings"), "on".equals(ctx.formParam("ownersOnly")), actor(ctx));
            ssoSettings(ctx, Optional.of("Saved. Sign out and use \u201cSign in with single sign-on\u201d to try it; your password still works."), Optional.empty());
        } catch (IllegalArgumentException e) {
            ctx.status(422);
            render(ctx, "sso.jte", Map.of("nav", nav(ctx, "settings"), "config", s.adminSso().find(account), "callback", ssoCallback(ctx, account),
                    "message", Optional.empty(), "error", Optional.of(e.getMessage()), "form", Map.of("issuer", String.valueOf(ctx.formParam("issuer")),
                            "clientId", String.valueOf(ctx.formParam("clientId")), "groupsClaim", String.valueOf(ctx.formParam("groupsClaim")),
                            "mappings", String.valueOf(ctx.formParam("mappings")))));
        }
    }

    private void signIn(Context ctx) {
        if (crossSite(ctx)) {
            ctx.status(403).result("Sign in from the console's own page.");
            return;
        }
        String user = Optional.ofNullable(ctx.formParam("username")).orElse("");
        String client = ServerApp.clientAddress(ctx.ip(), Optional.ofNullable(ctx.header("X-Forwarded-For")), s.config().trustedProxies());
        Admins.SignIn result = admins.signIn(user, Optional.ofNullable(ctx.formParam("password")).orElse(""), client);
        switch (result) {
            case Admins.SignIn.Ok ok -> {
                startSession(ctx, ok.sessionId());
                ctx.redirect("/console");
            }
            case Admins.SignIn.Refused r -> {
                ctx.status(401);
                signInPage(ctx, r.message(), user);
            }
        }
    }

    /**
     * Login CSRF (OWASP): a foreign page posting the sign-in form would sign the victim's browser into the
     * attacker's account. The form has no session yet to carry a token, so the browser's own word is taken:
     * Sec-Fetch-Site (every current browser sends it) must be same-origin; a browser without it must send an
     * Origin of this host. (Not Origin first: under the console's no-referrer policy Chromium sends Origin: null
     * even for its own form.)
     */
    static boolean crossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false; // not a browser's cross-site post (browsers send Origin on every POST)
        }
        try {
            String authority = java.net.URI.create(origin).getRawAuthority();
            return authority == null || !authority.equalsIgnoreCase(ctx.host());
        } catch (IllegalArgumentException e) {
            return true; // garbage
        }
    }

    private void signOut(Context ctx) {
        Optional.ofNullable(ctx.cookie(COOKIE)).ifPresent(admins::signOut);
        ctx.removeCookie(COOKIE, "/");
        ctx.redirect("/console/sign-in");
    }

    private void overview(Context ctx) {
        Fleet.Overview o = fleet.overview(session(ctx).accountId());
        List<Charts.Point> trend = Charts.trend(o.trend());
        Map<String, Object> p = new HashMap<>();
        p.put("nav", nav(ctx, "overview"));
        p.put("holdsOnYourName", admins.holdsSinceLastSignIn(session(ctx).accountId(), session(ctx).username()));
        p.put("o", o);
        p.put("failing", Charts.failingByPractice(o.failingByPractice()));
        p.put("versions", Charts.counts(o.agentVersions(), ""));
        p.put("trend", trend);
        p.put("trendLine", Charts.polyline(trend));
        p.put("deniedSignIns", (long) s.signIns().counts(session(ctx).accountId(), s.clock().instant().minus(java.time.Duration.ofDays(7)))
                .getOrDefault("DENIED", 0));
        render(ctx, "overview.jte", p);
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty()).map(v -> v.length() > 200 ? v.substring(0, 200) : v);
    }

    private static dev.auscult.server.store.DeviceFilter filter(Context ctx) {
        int page = param(ctx, "page").filter(v -> v.matches("\\d{1,6}")).map(Integer::parseInt).orElse(1);
        return new dev.auscult.server.store.DeviceFilter(param(ctx, "practice"), param(ctx, "verdict"), param(ctx, "os"), param(ctx, "owner"),
                param(ctx, "stale").filter("true"::equals).isPresent(), param(ctx, "q"), param(ctx, "sort").orElse("seen"),
                !param(ctx, "dir").filter("asc"::equals).isPresent(), page);
    }

    /** The filters as a query string (without sort and page), for the table's links. */
    private static String query(dev.auscult.server.store.DeviceFilter f) {
        List<String> parts = new ArrayList<>();
        f.search().ifPresent(v -> parts.add("q=" + enc(v)));
        f.practice().ifPresent(v -> parts.add("practice=" + enc(v)));
        f.verdict().ifPresent(v -> parts.add("verdict=" + enc(v)));
        f.platform().ifPresent(v -> parts.add("os=" + enc(v)));
        f.owner().ifPresent(v -> parts.add("owner=" + enc(v)));
        if (f.stale()) {
            parts.add("stale=true");
        }
        return String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void devices(Context ctx) {
        dev.auscult.server.store.DeviceFilter f = filter(ctx);
        String q = query(f);
        render(ctx, "devices.jte", Map.of("nav", nav(ctx, "devices"), "f", f, "page", fleet.devices(session(ctx).accountId(), f), "query", q,
                "csvLink", "/console/devices.csv" + (q.isEmpty() ? "" : "?" + q), "now", s.clock().instant()));
    }

    private void devicesCsv(Context ctx) {
        ctx.header("Content-Disposition", "attachment; filename=\"auscult-devices.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(fleet.csv(session(ctx).accountId(), filter(ctx)));
    }

    private void device(Context ctx) {
        String account = session(ctx).accountId();
        Optional<Device> d = s.devices().find(account, ctx.pathParam("id"));
        if (d.isEmpty()) {
            ctx.status(404).result("No such device.");
            return;
        }
        Optional<ReportSummary> latest = s.reports().latest(account, d.get().id()).map(r -> ReportSummary.parse(r.body()));
        render(ctx, "device.jte", Map.of("nav", nav(ctx, "devices"), "d", d.get(), "latest", latest,
                "history", s.reports().history(account, d.get().id(), 30), "evidence", evidenceWords, "now", s.clock().instant(),
                "signins", s.signIns().decisions(account, Optional.of(d.get().id()), 10),
                "deliveries", s.deliveries().lastForDevice(account, d.get().id(), 3),
                "refused", s.audit().refusedFor(account, d.get().id(), 5)));
    }

    private void revoke(Context ctx) {
        s.devices().revoke(session(ctx).accountId(), ctx.pathParam("id"), actor(ctx));
        ctx.redirect("/console/devices/" + enc(ctx.pathParam("id")));
    }

    private Audience audience(Context ctx) {
        return switch (Optional.ofNullable(ctx.formParam("audience")).orElse("")) {
            case "all" -> new Audience.Everyone();
            case "emails" -> new Audience.Listed(Arrays.stream(Optional.ofNullable(ctx.formParam("emails")).orElse("").split("[,;\\s]+"))
                    .filter(e -> !e.isBlank()).toList(), "on".equals(ctx.formParam("add-to-people")));
            default -> new Audience.WithoutDevice();
        };
    }

    private void send(Context ctx) {
        if ("all".equals(ctx.formParam("audience"))) {
            long everyone = s.people().all(session(ctx).accountId()).stream().filter(x -> x.active()).count();
            if (!confirmed(ctx, "Send a code to everyone?", "Every active person (" + everyone + ") gets an e-mail with a new activation code; "
                    + "the codes they have now stop working.", Map.of("audience", "all"), "Send " + everyone + " e-mails", "/console/activations")) {
                return;
            }
        }
        try {
            activations(ctx, Optional.of(s.sender().send(session(ctx).accountId(), audience(ctx), actor(ctx))), Optional.empty());
        } catch (IllegalArgumentException e) {
            activations(ctx, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private void export(Context ctx) {
        String csv = s.sender().exportCsv(session(ctx).accountId(), audience(ctx), actor(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"auscult-activation-codes.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(csv);
    }

    /** Only a send of the signed-in account: a batch ID from elsewhere is "not found", never another account's mails. */
    private void resumeSend(Context ctx) {
        Optional<ActivationSender.SendReport> r = s.sender().resume(session(ctx).accountId(), Optional.ofNullable(ctx.formParam("batch")).orElse(""),
                actor(ctx));
        if (r.isEmpty()) {
            ctx.status(404).result("No such send in this account.");
            return;
        }
        activations(ctx, r, Optional.empty());
    }

    private static final int CODES_PER_PAGE = 50;

    private void activations(Context ctx, Optional<ActivationSender.SendReport> sent, Optional<String> message) {
        String account = session(ctx).accountId();
        Instant now = s.clock().instant();
        // GET filters; after a POST (send, revoke) the list shows the live codes again
        boolean get = ctx.method().name().equals("GET");
        String state = get ? Optional.ofNullable(ctx.queryParam("state")).filter(x -> x.matches("live|all|used|expired|retired")).orElse("live") : "live";
        String query = get ? Optional.ofNullable(ctx.queryParam("q")).orElse("").strip() : "";
        List<CodeStatus> matching = s.codes().list(account).stream()
                .filter(c -> switch (state) {
                    case "live" -> c.state(now).equals("pending");
                    case "used" -> c.state(now).equals("used");
                    case "expired" -> c.state(now).equals("expired");
                    case "retired" -> c.revokedAt().isPresent();
                    default -> true;
                })
                .filter(c -> query.isEmpty() || c.email().contains(query.toLowerCase(java.util.Locale.ROOT))).toList();
        int pages = Math.max(1, (matching.size() + CODES_PER_PAGE - 1) / CODES_PER_PAGE);
        int page = get ? Math.clamp(parseOr(ctx.queryParam("page"), 1), 1, pages) : 1;
        Map<String, Object> p = new HashMap<>();
        p.put("nav", nav(ctx, "activations"));
        p.put("codes", matching.subList((page - 1) * CODES_PER_PAGE, Math.min(matching.size(), page * CODES_PER_PAGE)));
        p.put("sent", sent);
        p.put("message", message);
        p.put("people", (int) s.people().all(account).stream().filter(x -> x.active()).count());
        p.put("withoutDevice", s.people().withoutDevice(account).size());
        p.put("now", now);
        p.put("state", state);
        p.put("query", query);
        p.put("queryString", "state=" + enc(state) + (query.isEmpty() ? "" : "&q=" + enc(query)));
        p.put("page", page);
        p.put("pages", pages);
        p.put("total", matching.size());
        render(ctx, "activations.jte", p);
    }

    private static int parseOr(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * What cannot be undone with a click — mail to everyone, revoking every pending code, putting an old policy
     * back — asks first: the same form comes back as a question with the values kept, and runs when confirmed.
     */
    private boolean confirmed(Context ctx, String title, String question, Map<String, String> fields, String button, String back) {
        if ("yes".equals(ctx.formParam("confirmed"))) {
            return true;
        }
        Map<String, Object> p = new HashMap<>();
        p.put("nav", nav(ctx, back.startsWith("/console/policy") ? "policy" : "activations"));
        p.put("section", "");
        p.put("title", title);
        p.put("question", question);
        p.put("action", ctx.path());
        p.put("fields", fields);
        p.put("button", button);
        p.put("back", back);
        render(ctx, "confirm.jte", p);
        return false;
    }

    /** The account's accent colour as a stylesheet (the CSP allows no inline styles). */
    private void brand(Context ctx) {
        String colour = s.settings().get(session(ctx).accountId()).accentColour().filter(c -> c.matches("#[0-9a-fA-F]{6}")).orElse("");
        ctx.contentType("text/css; charset=utf-8").result(colour.isEmpty() ? "" : ":root { --accent: " + colour + "; }\n");
    }

    private void settings(Context ctx, Optional<String> message, Optional<String> error) {
        String account = session(ctx).accountId();
        Map<String, Object> p = new HashMap<>();
        p.put("nav", nav(ctx, "settings"));
        p.put("s", s.settings().get(account));
        p.put("accountName", s.accounts().require(account).name());
        p.put("smtp", s.config().smtp().map(m -> "Mail goes out through " + m + ", from " + m.from() + ".")
                .orElse("No mail server is configured: sending activations fails; export the CSV instead."));
        p.put("defaultIntro", dev.auscult.server.mail.ActivationMail.DEFAULT_INTRO);
        p.put("serverDefaultUrl", s.config().publicUrl());
        p.put("message", message);
        p.put("error", error);
        render(ctx, "settings.jte", p);
    }

    private void saveSettings(Context ctx) {
        java.util.function.Function<String, Optional<String>> f = n -> Optional.ofNullable(ctx.formParam(n)).map(String::strip).filter(v -> !v.isEmpty());
        try {
            s.settings().save(session(ctx).accountId(), new Settings(f.apply("displayName"),
                    f.apply("accentColour"), f.apply("logoUrl"), f.apply("downloadMacos"), f.apply("downloadWindows"), f.apply("downloadLinux"),
                    f.apply("mailIntro"), f.apply("publicUrl")), actor(ctx));
            settings(ctx, Optional.of("Settings saved."), Optional.empty());
        } catch (IllegalArgumentException e) {
            ctx.status(422);
            settings(ctx, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** A sample of the activation e-mail to the administrator, with a code that cannot activate anything. */
    private void testMail(Context ctx) {
        String account = session(ctx).accountId();
        String to = session(ctx).username();
        try {
            s.sender().sendSample(account, to, actor(ctx));
            settings(ctx, Optional.of("A sample was sent to " + to + "."), Optional.empty());
        } catch (IllegalArgumentException e) {
            settings(ctx, Optional.empty(), Optional.of(e.getMessage()));
        } catch (dev.auscult.server.mail.Mailer.MailException e) {
            settings(ctx, Optional.empty(), Optional.of("The sample could not be sent: " + e.getMessage()));
        }
    }

    private void people(Context ctx, Optional<String> message, List<String> problems) {
        String account = session(ctx).accountId();
        Map<String, Object> p = new HashMap<>();
        p.put("nav", nav(ctx, "people"));
        p.put("people", s.people().all(account));
        p.put("withoutDevice", s.people().withoutDevice(account).stream().map(x -> x.email()).collect(java.util.stream.Collectors.toSet()));
        p.put("scimTokens", s.scim().tokenCount(account));
        p.put("message", message);
        p.put("problems", problems);
        render(ctx, "people.jte", p);
    }

    private void rollout(Context ctx, Optional<String> error) {
        String account = session(ctx).accountId();
        if (error.isPresent()) {
            ctx.status(422);
        }
        render(ctx, "rollout.jte", Map.of("nav", nav(ctx, "settings"), "serverAddress", s.settings().publicUrl(account),
                "withoutDevice", s.people().withoutDevice(account).size(),
                "people", (int) s.people().all(account).stream().filter(x -> x.active()).count(), "error", error));
    }

    /** The kit as a download: it may hold live codes, so it is never cached and never shown. */
    private void rolloutKit(Context ctx) {
        String account = session(ctx).accountId();
        dev.auscult.server.service.RolloutKit.Codes codes = switch (Optional.ofNullable(ctx.formParam("codes")).orElse("none")) {
            case "without-device" -> dev.auscult.server.service.RolloutKit.Codes.WITHOUT_DEVICE;
            case "everyone" -> dev.auscult.server.service.RolloutKit.Codes.EVERYONE;
            default -> dev.auscult.server.service.RolloutKit.Codes.NONE;
        };
        byte[] zip;
        try {
            zip = s.rollout().zip(account, codes, actor(ctx));
        } catch (IllegalArgumentException e) {
            rollout(ctx, Optional.of(e.getMessage()));
            return;
        }
        attachment(ctx, "auscult-rollout-" + account + ".zip").contentType("application/zip").result(zip);
    }

    private void apiTokens(Context ctx, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            ctx.status(422);
        }
        render(ctx, "api-tokens.jte", Map.of("nav", nav(ctx, "settings"), "tokens", s.apiTokens().list(session(ctx).accountId()),
                "message", message, "error", error, "now", s.clock().instant()));
    }

    /** The day a policy check previews sign-in for: the form's date (today to a year ahead), else today. */
    private java.time.LocalDate previewDay(Context ctx) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(s.clock().instant(), java.time.ZoneOffset.UTC);
        try {
            return Optional.ofNullable(ctx.formParam("on")).filter(d -> !d.isBlank()).map(java.time.LocalDate::parse)
                    .filter(d -> !d.isBefore(today) && !d.isAfter(today.plusYears(1))).orElse(today);
        } catch (java.time.format.DateTimeParseException e) {
            return today;
        }
    }

    private void push(Context ctx, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            ctx.status(422);
        }
        String base = publicBase(ctx, session(ctx).accountId());
        render(ctx, "push.jte", Map.of("nav", nav(ctx, "settings"), "targets", s.deliveries().list(session(ctx).accountId()),
                "transmitter", base + "/.well-known/ssf-configuration", "message", message, "error", error, "now", s.clock().instant()));
    }

    private void deviceTrust(Context ctx, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            ctx.status(422);
        }
        String account = session(ctx).accountId();
        List<dev.auscult.server.service.SignIns.Decided> decisions = s.signIns().decisions(account, Optional.empty(), 100);
        Map<String, Integer> counts = s.signIns().counts(account, s.clock().instant().minus(java.time.Duration.ofDays(7)));
        render(ctx, "device-trust.jte", Map.of("nav", nav(ctx, "trust"), "clients", s.signInClients().list(account), "decisions", decisions,
                "counts", counts, "issuer", issuer(ctx, account), "message", message, "error", error,
                "exceptions", s.signInExceptions().list(account), "now", s.clock().instant()));
    }

    /** The device step's issuer as identity providers must be told it: the public URL, else the address this page was reached at. */
    private String issuer(Context ctx, String account) {
        return publicBase(ctx, account) + "/oidc";
    }

    /** A new sign-in client: its ID and secret as a file download, never on a page (the secret is kept only as a hash). */
    private void registerSignInClient(Context ctx) {
        String account = session(ctx).accountId();
        try {
            var made = s.signInClients().register(account, Optional.ofNullable(ctx.formParam("name")).orElse(""),
                    Optional.ofNullable(ctx.formParam("redirects")).orElse("").lines().toList(), actor(ctx));
            String issuer = issuer(ctx, account);
            attachment(ctx, "auscult-signin-client-" + made.client().clientId() + ".txt").contentType("text/plain; charset=utf-8")
                        .result("Auscult device step for \u201c" + made.client().name() + "\u201d (account " + account + ")\n"
                    + "Issuer: " + issuer + "\nDiscovery: " + issuer + "/.well-known/openid-configuration\n"
                    + "Authorization endpoint: " + issuer + "/authorize\nToken endpoint: " + issuer + "/token\nJWKS: " + issuer + "/jwks\n"
                    + "Client ID: " + made.client().clientId() + "\nClient secret: " + made.secret() + "\n"
                    + "Client authentication: client_secret_basic or client_secret_post; PKCE S256; scopes: openid email\n"
                    + "Redirect URIs:\n  " + String.join("\n  ", made.client().redirectUris()) + "\n");
        } catch (IllegalArgumentException e) {
            deviceTrust(ctx, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** A new API token as a file download, never on a page. */
    private void makeApiToken(Context ctx) {
        String account = session(ctx).accountId();
        try {
            var made = s.apiTokens().create(account, Optional.ofNullable(ctx.formParam("name")).orElse(""),
                    dev.auscult.server.service.Role.parse(Optional.ofNullable(ctx.formParam("role")).orElse("")),
                    Integer.parseInt(Optional.ofNullable(ctx.formParam("days")).orElse("90").strip()), actor(ctx));
            String base = s.settings().publicUrl(account).map(u -> u.replaceAll("/+$", "")).orElse("https://<this server>");
            attachment(ctx, "auscult-api-token-" + account + ".txt").contentType("text/plain; charset=utf-8")
                        .result("Auscult API token \u201c" + made.token().name() + "\u201d, role "
                    + made.token().role().label() + ", account " + account + ", valid until " + When.day(made.token().expiresAt()) + "\n"
                    + "API: " + base + "/api/v1 (described at " + base + "/api/v1/openapi.json)\n"
                    + "Header: Authorization: Bearer " + made.secret() + "\n");
        } catch (IllegalArgumentException e) {
            apiTokens(ctx, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private void administrators(Context ctx, Optional<String> message, Optional<String> error) {
        if (error.isPresent()) {
            ctx.status(422);
        }
        render(ctx, "administrators.jte", Map.of("nav", nav(ctx, "settings"), "admins", s.admins().list(session(ctx).accountId()),
                "message", message, "error", error, "now", s.clock().instant()));
    }

    /** Two password fields that must agree: a typo in a password nobody sees is otherwise found at the next sign-in. */
    private Optional<String> typedPassword(Context ctx) {
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        return password.equals(Optional.ofNullable(ctx.formParam("again")).orElse("")) ? Optional.of(password) : Optional.empty();
    }

    private void addAdministrator(Context ctx) {
        String who = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        Optional<String> password = typedPassword(ctx);
        if (password.isEmpty()) {
            administrators(ctx, Optional.empty(), Optional.of("The two passwords differ; nothing was changed."));
            return;
        }
        try {
            dev.auscult.server.service.People.normaliseEmail(who);
            s.admins().create(session(ctx).accountId(), who, password.get(),
                    dev.auscult.server.service.Role.parse(Optional.ofNullable(ctx.formParam("role")).orElse("OWNER")), actor(ctx));
            administrators(ctx, Optional.of(who + " can now sign in to this account's console."), Optional.empty());
        } catch (IllegalArgumentException e) {
            administrators(ctx, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private void setAdministratorPassword(Context ctx) {
        String who = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        Optional<String> password = typedPassword(ctx);
        if (password.isEmpty()) {
            administrators(ctx, Optional.empty(), Optional.of("The two passwords differ; nothing was changed."));
            return;
        }
        try {
            boolean done = s.admins().setPassword(session(ctx).accountId(), who, password.get(), actor(ctx));
            administrators(ctx, done ? Optional.of("New password set for " + who + "; their sessions have ended.") : Optional.empty(),
                    done ? Optional.empty() : Optional.of("This account has no administrator " + who + "."));
        } catch (IllegalArgumentException e) {
            administrators(ctx, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /**
     * A new SCIM token as a file download, never on a page (where it would stay in the history and the screen):
     * with the base URL the identity provider needs. Older tokens keep working until revoked from the CLI.
     */
    private void scimToken(Context ctx) {
        String account = session(ctx).accountId();
        String token = s.scim().newToken(account, actor(ctx));
        String base = s.settings().publicUrl(account).map(u -> u.replaceAll("/+$", "")).orElse("https://<this server>");
        attachment(ctx, "auscult-scim-token-" + account + ".txt").contentType("text/plain; charset=utf-8")
                        .result("SCIM 2.0 provisioning for Auscult, account " + account + "\n"
                + "Base URL: " + base + "/scim/v2\n" + "Bearer token (keep it like a password; it is shown only in this file): " + token + "\n");
    }

    private void importPeople(Context ctx) {
        io.javalin.http.UploadedFile file = ctx.uploadedFile("file");
        String text;
        if (file != null && file.size() > 0) {
            try (java.io.InputStream in = file.content()) {
                text = new String(in.readNBytes(s.config().maxRequestBytes()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            text = Optional.ofNullable(ctx.formParam("csv")).orElse("");
        }
        var result = s.people().importCsv(session(ctx).accountId(), text, actor(ctx));
        people(ctx, Optional.of(result.added() + " added, " + result.updated() + " updated."), result.problems());
    }

    private void policyPost(Context ctx) {
        String account = session(ctx).accountId();
        String text = Optional.ofNullable(ctx.formParam("text")).orElse("");
        String group = Optional.ofNullable(ctx.formParam("group")).orElse("").strip();
        List<LineDiff.Line> diff = LineDiff.of(s.policies().textInForce(account), text.replace("\r\n", "\n"));
        try {
            if ("publish".equals(ctx.formParam("action"))) {
                Policies.Published p = s.policies().publish(account, Optional.of(group).filter(g -> !g.isEmpty()), "console", text, actor(ctx));
                policyPage(ctx, s.policies().textInForce(account), group, List.of(), p.warnings(), List.of(),
                        Optional.of("Published " + p.name() + " as version " + p.version() + (group.isEmpty() ? " for everyone." : " for group " + group + ".")
                                + (p.emptyGroup() ? " No one in People belongs to group " + group + " yet: the version waits for its first member." : "")),
                        Optional.empty());
            } else {
                Policy checked = s.policies().validate("console", text);
                policyPage(ctx, text, group, List.of(), checked.warnings(), diff, Optional.of("The policy is valid. Publish it to send it to the devices."),
                        Optional.of(s.preview().of(account, checked, previewDay(ctx))));
            }
        } catch (PolicyException e) {
            ctx.status(422);
            policyPage(ctx, text, group, e.problems(), List.of(), diff, Optional.empty(), Optional.empty());
        }
    }

    private void rollback(Context ctx) {
        int version = Integer.parseInt(Optional.ofNullable(ctx.formParam("version")).orElse("0"));
        String group = Optional.ofNullable(ctx.formParam("group")).orElse("").strip();
        boolean exists = s.policies().versions(session(ctx).accountId()).stream().anyMatch(v -> v.version() == version);
        if (exists && !confirmed(ctx, "Put version " + version + " back in force?", "Devices " + (group.isEmpty() ? "of everyone" : "of the group " + group)
                        + " are judged by policy version " + version + " again from their next check.",
                Map.of("version", String.valueOf(version), "group", group), "Roll back to version " + version, "/console/policy")) {
            return;
        }
        s.policies().rollback(session(ctx).accountId(), Optional.of(group).filter(g -> !g.isEmpty()), version, actor(ctx));
        policyPage(ctx, s.policies().textInForce(session(ctx).accountId()), group, List.of(), List.of(), List.of(), Optional.of("Version " + version + " is in force again."),
                Optional.empty());
    }

    private void policyPage(Context ctx, String text, String group, List<String> problems, List<String> warnings, List<LineDiff.Line> diff,
                            Optional<String> message, Optional<dev.auscult.server.service.PolicyPreview.Effect> effect) {
        String account = session(ctx).accountId();
        Map<String, Object> p = new HashMap<>();
        p.put("nav", nav(ctx, "policy"));
        p.put("assignments", s.policies().assignments(account));
        p.put("versions", s.policies().versions(account));
        p.put("text", text);
        p.put("group", group);
        p.put("problems", problems);
        p.put("warnings", warnings);
        p.put("diff", diff);
        p.put("message", message);
        p.put("effect", effect);
        render(ctx, "policy.jte", p);
    }
}
