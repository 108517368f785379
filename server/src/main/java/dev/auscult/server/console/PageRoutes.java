package dev.auscult.server.console;

import dev.auscult.server.ServerServices;
import gg.jte.TemplateEngine;
import io.javalin.config.RoutesConfig;

/** Where a console page registers its routes: each handler gets the request as a {@link ConsoleRequest}. */
public final class PageRoutes {

    /** A page's handler for one route. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsoleRequest r) throws Exception;
    }

    private final RoutesConfig routes;
    private final ServerServices services;
    private final TemplateEngine templates;

    public PageRoutes(RoutesConfig routes, ServerServices services, TemplateEngine templates) {
        this.routes = routes;
        this.services = services;
        this.templates = templates;
    }

    public void get(String path, Handler h) {
        routes.get(path, ctx -> h.handle(new ConsoleRequest(ctx, services, templates)));
    }

    public void post(String path, Handler h) {
        routes.post(path, ctx -> h.handle(new ConsoleRequest(ctx, services, templates)));
    }
}
