package dev.auscult.server.console;

import dev.auscult.server.store.Account;

import dev.auscult.server.ServerServices;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Admins;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a console page, after the door ({@code ConsoleRoutes}) has checked its session, form token and role:
 * who asks (their session, as the services take an actor), what the form says, and the ways a page answers — a view,
 * a download, a question to confirm.
 */
public final class ConsoleRequest {

    /** The request attribute the door leaves the checked session in. */
    public static final String SESSION = "session";

    private final Context ctx;
    private final ServerServices services;
    private final TemplateEngine templates;

    ConsoleRequest(Context ctx, ServerServices services, TemplateEngine templates) {
        this.ctx = ctx;
        this.services = services;
        this.templates = templates;
    }

    public Context ctx() {
        return ctx;
    }

    public ServerServices services() {
        return services;
    }

    public Admins.Session session() {
        return ctx.attribute(SESSION);
    }

    /** The signed-in account, as the session proved it. */
    public Account account() {
        return session().account();
    }

    /** The signed-in administrator as the services take them: account, role, and the console as the door. */
    public Actor actor() {
        Admins.Session a = session();
        return new Actor(a.accountId(), a.username(), a.role(), Actor.Door.CONSOLE);
    }

    public Nav nav(String section) {
        Admins.Session a = session();
        return new Nav(a.username(), a.accountId(), a.csrf(), section, a.role());
    }

    /** A form field, or empty. */
    public Optional<String> form(String name) {
        return Optional.ofNullable(ctx.formParam(name));
    }

    /** A form field, or "". */
    public String formOrBlank(String name) {
        return form(name).orElse("");
    }

    public boolean isGet() {
        return ctx.method().name().equals("GET");
    }

    public void render(ConsoleView view) {
        render(ctx, templates, view);
    }

    /** Renders a view on a request no page holds yet (the door's own pages: sign-in, plain HTTP). */
    public static void render(Context ctx, TemplateEngine templates, ConsoleView view) {
        StringOutput out = new StringOutput();
        templates.render(view.template(), view.parameters(), out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** The page again with a refusal: 422, so a script or a test sees that nothing was done. */
    public void unprocessable() {
        ctx.status(422);
    }

    /** A file to download that holds a secret or live codes: saved, never shown, never cached. */
    public Context attachment(String filename) {
        return ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"").header("Cache-Control", "no-store");
    }

    /** This account's public address (its own or the server's publicUrl), else the address this page was reached at. */
    public String publicBase() {
        return publicBase(ctx, services, account());
    }

    /** {@link #publicBase()} for a request no page holds yet (the door's single sign-on, before a session). */
    public static String publicBase(Context ctx, ServerServices services, Account account) {
        return services.settings().publicUrl(account).map(u -> u.replaceAll("/+$", "")).orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }

    /**
     * What cannot be undone with a click — mail to everyone, revoking every pending code, putting an old policy
     * back — asks first: the same form comes back as a question with the values kept, and runs when confirmed.
     */
    public boolean confirmed(String title, String question, Map<String, String> fields, String button, String back) {
        if ("yes".equals(ctx.formParam("confirmed"))) {
            return true;
        }
        render(new ConfirmView(nav(back.startsWith("/console/policy") ? "policy" : "activations"), "", title, question, ctx.path(), fields, button,
                back));
        return false;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The question {@link #confirmed} asks. */
    public record ConfirmView(Nav nav, String section, String title, String question, String action, Map<String, String> fields, String button,
                              String back) implements ConsoleView {
        @Override
        public String template() {
            return "confirm.jte";
        }
    }
}
