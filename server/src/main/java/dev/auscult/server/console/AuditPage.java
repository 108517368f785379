package dev.auscult.server.console;

import dev.auscult.server.store.AuditEntry;
import java.util.List;

/** The account's audit log: who did what, newest first. */
public final class AuditPage {

    public record View(Nav nav, List<AuditEntry> entries) implements ConsoleView {
        @Override
        public String template() {
            return "audit.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console/audit", r -> r.render(new View(r.nav("audit"), r.services().audit().recent(r.account(), 200))));
    }
}
