package dev.auscult.server.http;

import dev.auscult.server.store.Account;

import dev.auscult.server.ServerServices;
import dev.auscult.server.console.ActivationsPage;
import dev.auscult.server.console.AdministratorsPage;
import dev.auscult.server.console.ApiTokensPage;
import dev.auscult.server.console.AuditPage;
import dev.auscult.server.console.ConsoleRequest;
import dev.auscult.server.console.DeviceTrustPage;
import dev.auscult.server.console.DevicesPage;
import dev.auscult.server.console.NeedsHttpsView;
import dev.auscult.server.console.OverviewPage;
import dev.auscult.server.console.PageRoutes;
import dev.auscult.server.console.PeoplePage;
import dev.auscult.server.console.PolicyPage;
import dev.auscult.server.console.PushPage;
import dev.auscult.server.console.RolloutPage;
import dev.auscult.server.console.SettingsPage;
import dev.auscult.server.console.SignInView;
import dev.auscult.server.console.SsoSettingsPage;
import dev.auscult.server.service.Admins;
import dev.auscult.server.service.Role;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The administrators' web console, its door: server-rendered pages (typed jte templates, escaped by default), no
 * script. Every page but sign-in needs a session (an HttpOnly, Secure, SameSite=Strict cookie); every form carries the
 * session's CSRF token, and a POST without the right one is refused; a role that may not do what a request asks is
 * refused here too. The door signs administrators in and out; the pages ({@code console/<Name>Page}, each with its
 * routes and the typed view of its template) are registered behind it. The console uses the same service layer as
 * the admin CLI.
 */
final class ConsoleRoutes {

    static final String COOKIE = "auscult_session";

    private final ServerServices s;
    private final Admins admins;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final byte[] css;

    private final ConsoleSso sso;

    ConsoleRoutes(ServerServices services) {
        this.s = services;
        this.sso = new ConsoleSso(services);
        this.admins = services.admins();
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
        // the door: sign-in (password or the organisation's provider) and sign-out
        r.get("/console/sign-in", ctx -> signInPage(ctx, "", ""));
        r.post("/console/sign-in", this::signIn);
        r.get("/console/sso/start", this::ssoStart);
        r.get("/console/sso/callback", this::ssoCallback);
        r.post("/console/sign-out", this::signOut);
        // the pages, each with its routes and its view
        PageRoutes pages = new PageRoutes(r, s, templates);
        new OverviewPage().register(pages);
        new DevicesPage().register(pages);
        new ActivationsPage().register(pages);
        new PolicyPage().register(pages);
        new PeoplePage().register(pages);
        new SettingsPage().register(pages);
        new SsoSettingsPage().register(pages);
        new RolloutPage().register(pages);
        new DeviceTrustPage().register(pages);
        new PushPage().register(pages);
        new ApiTokensPage().register(pages);
        new AdministratorsPage().register(pages);
        new AuditPage().register(pages);
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
            ConsoleRequest.render(ctx, templates, new NeedsHttpsView(BrowserTransport.hostName(ctx.host()), ctx.req().getLocalPort()));
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
        Role.Permission needed = needed(ctx);
        if (!session.get().role().can(needed)) {
            // the page never offered it; a hand-made request gets the reason, in the audit log too
            s.audit().record(Optional.of(session.get().accountId()), "console:" + session.get().username() + " (" + session.get().role().label() + ")", "admin.refused",
                    ctx.method().name() + " " + path + " needs a role that may " + needed.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            ctx.status(403).contentType("text/plain; charset=utf-8").result("Your role (" + session.get().role().label() + ") cannot do this; "
                    + "an owner of the account can, or can give you a role that may.");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(ConsoleRequest.SESSION, session.get());
    }

    /** What a request needs: reading for pages, the matching permission for every change. */
    private static Role.Permission needed(Context ctx) {
        String path = ctx.path();
        boolean post = ctx.method().name().equals("POST");
        if (path.startsWith("/console/administrators")) {
            return Role.Permission.ADMINISTRATORS;
        }
        if (path.startsWith("/console/settings") || path.startsWith("/console/rollout") || path.equals("/console/people/scim-token")
                || path.startsWith("/console/api-tokens") || path.startsWith("/console/device-trust/clients") || path.equals("/console/sso")
                || (post && path.startsWith("/console/push"))) {
            return Role.Permission.SETTINGS;
        }
        if (path.equals("/console/devices.csv")) {
            return Role.Permission.EXPORT;
        }
        if (!post || path.equals("/console/sign-out")) {
            return Role.Permission.READ;
        }
        if (path.startsWith("/console/devices/") || path.startsWith("/console/device-trust/exceptions")) {
            return Role.Permission.DEVICES;
        }
        if (path.startsWith("/console/activations") || path.startsWith("/console/people")) {
            return Role.Permission.PEOPLE_AND_CODES;
        }
        if (path.equals("/console/policy") && !"publish".equals(ctx.formParam("action"))) {
            return Role.Permission.READ;   // checking a draft changes nothing
        }
        return Role.Permission.POLICY;   // publish, rollback
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

    private void signInPage(Context ctx, String error, String username) {
        List<String> sso = s.adminSso().accounts();
        // the single sign-on form (several organisations) is redirected to a provider: Chrome checks form-action on redirects too
        String providers = sso.size() < 2 ? "" : String.join(" ", sso.stream().flatMap(a -> s.adminSso().find(new Account(a)).stream())
                .map(c -> java.net.URI.create(c.issuer())).map(u -> u.getScheme() + "://" + u.getRawAuthority()).distinct().toList());
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'" + (providers.isEmpty() ? "" : " " + providers)
                + "; frame-ancestors 'none'; base-uri 'none'");
        ConsoleRequest.render(ctx, templates, new SignInView(error, username, sso.size(), sso.size() == 1 ? sso.getFirst() : ""));
    }

    /** The console's own address for the provider's answer: the public URL when set (what the provider was told), else this request's. */
    private String ssoCallback(Context ctx, String account) {
        return SsoSettingsPage.callback(ConsoleRequest.publicBase(ctx, s, new Account(account)));
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
}
