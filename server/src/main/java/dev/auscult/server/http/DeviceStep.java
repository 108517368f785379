package dev.auscult.server.http;

import dev.auscult.server.store.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.instructions.Instructions;
import dev.auscult.instructions.InstructionsLoader;
import dev.auscult.instructions.PracticeText;
import dev.auscult.instructions.Template;
import dev.auscult.server.ServerServices;
import dev.auscult.server.service.DeviceStanding;
import dev.auscult.server.service.Devices;
import dev.auscult.server.service.Secrets;
import dev.auscult.server.service.SignInClients;
import dev.auscult.server.service.SignIns;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The device step over HTTP: an OpenID Connect provider (discovery, JWKS, authorize, token, userinfo) whose sign-in
 * page waits for the device to answer through {@code auscult://prove}, then sends the browser back with a code — or
 * shows what to fix, in the person's language, with the agent's own directions for the device's OS.
 */
final class DeviceStep {

    /** The languages the agent speaks; the page follows ui_locales, then Accept-Language, else English. */
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "ja", "pt-BR");

    private final ServerServices s;
    private final Function<Context, String> base;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Instructions> instructions = new ConcurrentHashMap<>();
    private final Parser markdown = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    DeviceStep(ServerServices services, Function<Context, String> base) {
        this.s = services;
        this.base = base;
    }

    void register(RoutesConfig r) {
        r.get("/oidc/.well-known/openid-configuration", this::discovery);
        r.get("/oidc/jwks", this::jwks);
        r.get("/oidc/authorize", this::authorize);
        r.get("/oidc/signin/{id}", this::page);
        r.post("/oidc/signin/{id}/continue", ctx -> leave(ctx, true));
        r.post("/oidc/signin/{id}/cancel", ctx -> leave(ctx, false));
        r.post("/oidc/signin/{id}/snooze", this::snooze);
        r.post("/oidc/token", this::token);
        r.get("/oidc/userinfo", this::userInfo);
        r.post("/oidc/userinfo", this::userInfo);
    }

    private String issuer(Context ctx) {
        return base.apply(ctx) + "/oidc";
    }

    private void discovery(Context ctx) throws Exception {
        String iss = issuer(ctx);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", iss);
        d.put("authorization_endpoint", iss + "/authorize");
        d.put("token_endpoint", iss + "/token");
        d.put("userinfo_endpoint", iss + "/userinfo");
        d.put("jwks_uri", iss + "/jwks");
        d.put("response_types_supported", List.of("code", "id_token"));
        d.put("response_modes_supported", List.of("query", "form_post"));
        d.put("grant_types_supported", List.of("authorization_code", "implicit"));
        d.put("acr_values_supported", List.of("urn:auscult:device", "possessionorinherence"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("scopes_supported", List.of("openid", "email", "profile"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("claims_supported", List.of("sub", "email", "email_verified", "device_id", "compliant", "managed", "failing_practices", "device_context",
                "acr", "amr", "auth_time", "nonce"));
        d.put("ui_locales_supported", LANGUAGES);
        ctx.header("Cache-Control", "max-age=300").json(d);
    }

    private void jwks(Context ctx) {
        ctx.header("Cache-Control", "max-age=300").contentType("application/jwk-set+json").result(s.signIns().keys().published().toString());
    }

    private void authorize(Context ctx) {
        SignIns.Begun begun = s.signIns().begin(new SignIns.Request(ctx.queryParam("client_id"), String.valueOf(ctx.queryParam("redirect_uri")),
                ctx.queryParam("response_type"), ctx.queryParam("scope"), param(ctx, "state"), param(ctx, "nonce"), param(ctx, "code_challenge"),
                param(ctx, "code_challenge_method"), param(ctx, "login_hint"), param(ctx, "response_mode"), param(ctx, "id_token_hint")));
        s.signIns().issuer(issuer(ctx));
        switch (begun) {
            case SignIns.Begun.Refused r -> ctx.status(400).contentType("text/plain; charset=utf-8")
                    .result("This sign-in cannot go on: " + r.why() + ".\nTell your IT team; nothing was sent anywhere.\n");
            case SignIns.Begun.Redirect r -> ctx.redirect(r.to().toString());
            case SignIns.Begun.Waiting w -> {
                // the cookie binds the sign-in to this browser; Lax so it comes back on the page's own navigation
                ctx.cookie(new Cookie(cookieName(w.id()), w.browserSecret(), "/oidc/signin/" + w.id(), (int) java.time.Duration.ofMinutes(15).toSeconds(),
                        ctx.scheme().equals("https") || base.apply(ctx).startsWith("https:"), true, null, SameSite.LAX));
                String lang = language(ctx).orElse("en");
                ctx.redirect("/oidc/signin/" + w.id() + "?c=" + w.challenge() + "&lang=" + lang);
            }
        }
    }

    private void page(Context ctx) {
        String id = ctx.pathParam("id");
        String challenge = String.valueOf(ctx.queryParam("c"));
        Optional<SignIns.View> view = Optional.ofNullable(ctx.cookie(cookieName(id))).flatMap(b -> s.signIns().view(id, b, challenge));
        if (view.isEmpty()) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result("This sign-in is not one this browser started. Go back to the application and sign in again.\n");
            return;
        }
        SignIns.View v = view.get();
        if (!v.expired() && v.decision().filter(d -> d == DeviceStanding.Decision.ALLOWED).isPresent()) {
            Optional<SignIns.Onward> back = s.signIns().complete(id, ctx.cookie(cookieName(id)), challenge, false);
            if (back.isPresent()) {
                onward(ctx, v, back.get());
                return;
            }
        }
        render(ctx, v, page(ctx, v));
    }

    /** Continue after a warning, or cancel: a form of this page, from this browser, with the page's CSRF token. */
    private void leave(Context ctx, boolean onward) {
        String id = ctx.pathParam("id");
        String challenge = String.valueOf(ctx.formParam("c"));
        Optional<String> fromPage = browserOfForm(ctx, id);
        if (fromPage.isEmpty()) {
            return;
        }
        String browser = fromPage.get();
        Optional<SignIns.Onward> to = onward ? s.signIns().complete(id, browser, challenge, true)
                : s.signIns().cancel(id, browser, challenge).map(SignIns.Onward.Redirect::new);
        if (to.isEmpty()) {
            ctx.redirect("/oidc/signin/" + id + "?c=" + URLEncoder.encode(challenge, StandardCharsets.UTF_8));
            return;
        }
        s.signIns().view(id, browser, challenge).ifPresentOrElse(v -> onward(ctx, v, to.get()), () -> ctx.status(400).result("This sign-in is over.\n"));
    }

    /**
     * The browser secret behind a form of the sign-in page — its cookie, and the page's CSRF token derived from it — or
     * empty after answering 403: a form from anywhere else does nothing.
     */
    private static Optional<String> browserOfForm(Context ctx, String id) {
        String browser = ctx.cookie(cookieName(id));
        if (browser == null || !csrf(browser).equals(ctx.formParam("csrf"))) {
            ctx.status(403).contentType("text/plain; charset=utf-8").result("This form did not come from this browser's sign-in page. Go back and try again.\n");
            return Optional.empty();
        }
        return Optional.of(browser);
    }

    /** Back to the relying party: a redirect with the code, or the ID token in a form the person sends on (form_post). */
    private void onward(Context ctx, SignIns.View v, SignIns.Onward to) {
        switch (to) {
            case SignIns.Onward.Redirect r -> ctx.redirect(r.to().toString());
            case SignIns.Onward.FormPost f -> {
                String lang = Optional.ofNullable(ctx.queryParam("lang")).filter(LANGUAGES::contains).or(() -> language(ctx)).orElse("en");
                ResourceBundle t = ResourceBundle.getBundle("dev.auscult.server.signin.devicestep", Locale.forLanguageTag(lang));
                StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\">")
                        .append("<title>Auscult</title><link rel=\"stylesheet\" href=\"/console/console.css\"></head><body class=\"signin notice device-step\">")
                        .append("<main id=\"allowed\"><h1>").append(escape(text(t, "allowed.heading"))).append("</h1><form method=\"post\" action=\"")
                        .append(escape(f.action().toString())).append("\" id=\"form-post\">");
                f.fields().forEach((k, val) -> html.append("<input type=\"hidden\" name=\"").append(escape(k)).append("\" value=\"").append(escape(val))
                        .append("\">"));
                html.append("<button type=\"submit\" id=\"continue\">").append(escape(text(t, "continue", v.clientName()))).append("</button></form></main></body></html>");
                ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action " + origin(f.action().toString())
                        + "; frame-ancestors 'none'; base-uri 'none'");
                ctx.header("Cache-Control", "no-store");
                ctx.contentType("text/html; charset=utf-8").result(html.toString());
            }
        }
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** Go on past a denial with one of the week's snoozes the policy gives: a form of this page, from this browser. */
    private void snooze(Context ctx) {
        String id = ctx.pathParam("id");
        String challenge = String.valueOf(ctx.formParam("c"));
        Optional<String> fromPage = browserOfForm(ctx, id);
        if (fromPage.isEmpty()) {
            return;
        }
        String browser = fromPage.get();
        Optional<SignIns.Onward> to = s.signIns().snooze(id, browser, challenge);
        Optional<SignIns.View> v = s.signIns().view(id, browser, challenge);
        if (to.isEmpty() || v.isEmpty()) {
            ctx.redirect("/oidc/signin/" + id + "?c=" + URLEncoder.encode(challenge, StandardCharsets.UTF_8));
            return;
        }
        onward(ctx, v.get(), to.get());
    }

    private void token(Context ctx) throws Exception {
        ctx.header("Cache-Control", "no-store");
        Optional<String[]> basic = Optional.ofNullable(ctx.header("Authorization")).filter(a -> a.regionMatches(true, 0, "Basic ", 0, 6))
                .map(a -> decodeBasic(a.substring(6).strip()));
        String clientId = basic.map(b -> b[0]).orElse(ctx.formParam("client_id"));
        String secret = basic.map(b -> b[1]).orElse(ctx.formParam("client_secret"));
        Optional<dev.auscult.server.store.SignInClient> client = clientId == null ? Optional.empty() : s.signInClients().authenticate(clientId, secret);
        if (client.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"auscult\"");
            tokenError(ctx, 401, "invalid_client", "the client is unknown or its secret is wrong");
            return;
        }
        if (!"authorization_code".equals(ctx.formParam("grant_type"))) {
            tokenError(ctx, 400, "unsupported_grant_type", "only authorization_code");
            return;
        }
        try {
            SignIns.Tokens t = s.signIns().redeem(client.get(), ctx.formParam("code"), String.valueOf(ctx.formParam("redirect_uri")),
                    Optional.ofNullable(ctx.formParam("code_verifier")), issuer(ctx));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("access_token", t.accessToken());
            out.put("token_type", "Bearer");
            out.put("expires_in", t.expiresIn());
            out.put("id_token", t.idToken());
            out.put("scope", "openid email");
            ctx.header("Pragma", "no-cache").contentType("application/json").result(json.writeValueAsString(out));
        } catch (SignIns.TokenError e) {
            tokenError(ctx, 400, e.error(), e.getMessage());
        }
    }

    private void userInfo(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<Map<String, Object>> claims = Optional.ofNullable(ctx.header("Authorization")).filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(a -> s.signIns().userInfo(a.substring(7).strip()));
        if (claims.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"").status(401).result("");
            return;
        }
        ctx.json(claims.get());
    }

    private void tokenError(Context ctx, int status, String error, String description) throws Exception {
        ctx.status(status).contentType("application/json").result(json.writeValueAsString(Map.of("error", error, "error_description", description)));
    }

    private static String[] decodeBasic(String b64) {
        try {
            String pair = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return new String[] {"", ""};
            }
            // RFC 6749 §2.3.1: both halves are form-urlencoded before they are joined
            return new String[] {URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
    }

    private DeviceStepPage page(Context ctx, SignIns.View v) {
        String lang = Optional.ofNullable(ctx.queryParam("lang")).filter(LANGUAGES::contains).or(() -> language(ctx)).orElse("en");
        ResourceBundle t = ResourceBundle.getBundle("dev.auscult.server.signin.devicestep", Locale.forLanguageTag(lang));
        String state = v.expired() ? "expired" : v.decision().map(d -> switch (d) {
            case DENIED -> "denied";
            case WARNED -> "warned";
            case ALLOWED, SNOOZED -> "allowed";
        }).orElse("waiting");
        String site = v.clientName();
        String prove = "auscult://prove?challenge=" + URLEncoder.encode(v.challenge(), StandardCharsets.UTF_8) + "&server="
                + URLEncoder.encode(base.apply(ctx), StandardCharsets.UTF_8);
        Optional<String> platform = v.deviceId().flatMap(d -> s.devices().find(v.account(), d)).map(Device::platform);
        Instructions words = instructions.computeIfAbsent(lang, l -> new InstructionsLoader().bundled(l));
        List<DeviceStepPage.Item> items = new ArrayList<>();
        for (SignIns.Finding f : v.findings()) {
            if (f.mode().equals("report")) {
                continue;
            }
            items.add(item(f, t, words, platform.orElse(""), Locale.forLanguageTag(lang)));
        }
        String csrf = csrf(ctx.cookie(cookieName(v.id())));
        return new DeviceStepPage(lang, text(t, state + ".heading", site), text(t, state + ".lead", site), state,
                state.equals("waiting") || state.equals("denied"), prove, text(t, "waiting.button"), text(t, "waiting.hint"),
                text(t, "waiting.noAgent"), items, text(t, "checkAgain"), text(t, "checkAgain.hint"), text(t, "continue", site), text(t, "cancel"),
                "/oidc/signin/" + v.id(), v.challenge(), csrf, state.equals("denied") ? Optional.of(s.signIns().snoozesLeft(v)).filter(n -> n > 0)
                        .map(n -> text(t, "snooze", n)).orElse("") : "");
    }

    private DeviceStepPage.Item item(SignIns.Finding f, ResourceBundle t, Instructions words, String platform, Locale locale) {
        String effect = f.mode().equals("block") ? text(t, "blocks") : text(t, "warns");
        String due = f.dueBy().flatMap(DeviceStep::date).map(d -> text(t, "due", d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale))))
                .orElse("");
        return switch (f.practice()) {
            case SignIns.OTHER_PERSON -> new DeviceStepPage.Item(f.practice(), text(t, "otherPerson"), effect, "", "", "");
            case DeviceStanding.NOT_SEEN -> new DeviceStepPage.Item(f.practice(), text(t, "notSeen"), effect, "", "", "");
            case DeviceStanding.NO_REPORT -> new DeviceStepPage.Item(f.practice(), text(t, "noReport"), effect, "", "", "");
            case DeviceStanding.HARDWARE_KEY -> new DeviceStepPage.Item(f.practice(), text(t, "hardwareKey"), effect, "", "", "");
            default -> {
                Optional<PracticeText> p = words.practice(f.practice());
                String title = p.map(x -> Template.renderLine(x.title(), Map.of("passing", false))).orElse(f.practice());
                String directions = p.flatMap(x -> Optional.ofNullable(x.directions().get(platform))).map(md -> html.render(markdown.parse(md))).orElse("");
                String why = f.verdict().equals("UNKNOWN") ? text(t, "unknown", f.reason()) : f.reason();
                yield new DeviceStepPage.Item(f.practice(), title, effect, due, why, directions);
            }
        };
    }

    private static Optional<LocalDate> date(String isoDateOrInstant) {
        try {
            return Optional.of(LocalDate.parse(isoDateOrInstant.length() > 10 ? isoDateOrInstant.substring(0, 10) : isoDateOrInstant));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void render(Context ctx, SignIns.View v, DeviceStepPage page) {
        // form-action: this page's forms post here and are redirected to this sign-in's redirect URI, which Chrome checks too
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self' " + origin(v.redirectUri())
                + "; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("Cache-Control", "no-store");
        StringOutput out = new StringOutput();
        templates.render("device-step.jte", Map.of("page", page), out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    private static String origin(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private static Optional<String> language(Context ctx) {
        Optional<String> asked = Optional.ofNullable(ctx.queryParam("ui_locales")).or(() -> Optional.ofNullable(ctx.header("Accept-Language")));
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(asked.get().replace(' ', ','));
            for (Locale.LanguageRange range : ranges) {
                String tag = range.getRange();
                for (String l : LANGUAGES) {
                    if (tag.equalsIgnoreCase(l) || tag.toLowerCase(Locale.ROOT).startsWith(l.substring(0, 2).toLowerCase(Locale.ROOT))) {
                        return Optional.of(l.startsWith("pt") && !tag.toLowerCase(Locale.ROOT).startsWith("pt") ? "en" : l);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String cookieName(String id) {
        return "auscult_signin_" + id.replaceAll("[^a-z0-9-]", "");
    }

    private static String csrf(String browserSecret) {
        return browserSecret == null ? "" : Secrets.sha256("device-step csrf:" + browserSecret);
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isEmpty());
    }

    private static String text(ResourceBundle t, String key, Object... args) {
        return new MessageFormat(t.getString(key), t.getLocale()).format(args);
    }
}
