package dev.auscult.server.console;

import dev.auscult.server.store.Account;

import dev.auscult.probe.SourceCatalog;
import dev.auscult.report.ReportSummary;
import dev.auscult.server.service.SignIns;
import dev.auscult.server.store.AuditEntry;
import dev.auscult.server.store.Device;
import dev.auscult.server.store.DeviceFilter;
import dev.auscult.server.store.DevicePage;
import dev.auscult.server.store.StoredReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The device table (filtered, sorted, paged, as CSV) and each device's page: its latest report, history and sign-ins. */
public final class DevicesPage {

    public record TableView(Nav nav, DeviceFilter f, DevicePage page, Instant now, String query, String csvLink) implements ConsoleView {
        @Override
        public String template() {
            return "devices.jte";
        }
    }

    public record DeviceView(Nav nav, Device d, Optional<ReportSummary> latest, List<StoredReport> history, EvidenceWords evidence, Instant now,
                             List<SignIns.Decided> signins, List<String> deliveries, List<AuditEntry> refused) implements ConsoleView {
        @Override
        public String template() {
            return "device.jte";
        }
    }

    private final EvidenceWords evidenceWords = new EvidenceWords(SourceCatalog.bundled());

    public void register(PageRoutes routes) {
        routes.get("/console/devices", DevicesPage::table);
        routes.get("/console/devices.csv", r -> {
            r.ctx().header("Content-Disposition", "attachment; filename=\"auscult-devices.csv\"");
            r.ctx().contentType("text/csv; charset=utf-8").result(r.services().fleet().csv(r.account(), filter(r)));
        });
        routes.get("/console/devices/{id}", this::device);
        routes.post("/console/devices/{id}/revoke", r -> {
            r.services().devices().revoke(r.account(), r.ctx().pathParam("id"), r.actor());
            r.ctx().redirect("/console/devices/" + ConsoleRequest.enc(r.ctx().pathParam("id")));
        });
        routes.post("/console/devices/{id}/rotate-key", r -> {
            r.services().deviceKeys().askRotation(r.account(), r.ctx().pathParam("id"), r.actor());
            r.ctx().redirect("/console/devices/" + ConsoleRequest.enc(r.ctx().pathParam("id")));
        });
    }

    private static void table(ConsoleRequest r) {
        DeviceFilter f = filter(r);
        String q = query(f);
        r.render(new TableView(r.nav("devices"), f, r.services().fleet().devices(r.account(), f), r.services().clock().instant(), q,
                "/console/devices.csv" + (q.isEmpty() ? "" : "?" + q)));
    }

    private void device(ConsoleRequest r) {
        var s = r.services();
        Account account = r.account();
        Optional<Device> d = s.devices().find(account, r.ctx().pathParam("id"));
        if (d.isEmpty()) {
            r.ctx().status(404).result("No such device.");
            return;
        }
        String id = d.get().id();
        r.render(new DeviceView(r.nav("devices"), d.get(), s.reports().latest(account, id).map(x -> ReportSummary.parse(x.body())),
                s.reports().history(account, id, 30), evidenceWords, s.clock().instant(), s.signIns().decisions(account, Optional.of(id), 10),
                s.deliveries().lastForDevice(account, id, 3), s.audit().refusedFor(account, id, 5)));
    }

    private static Optional<String> param(ConsoleRequest r, String name) {
        return Optional.ofNullable(r.ctx().queryParam(name)).map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> v.length() > 200 ? v.substring(0, 200) : v);
    }

    private static DeviceFilter filter(ConsoleRequest r) {
        int page = param(r, "page").filter(v -> v.matches("\\d{1,6}")).map(Integer::parseInt).orElse(1);
        return new DeviceFilter(param(r, "practice"), param(r, "verdict"), param(r, "os"), param(r, "owner"),
                param(r, "stale").filter("true"::equals).isPresent(), param(r, "q"), param(r, "sort").orElse("seen"),
                !param(r, "dir").filter("asc"::equals).isPresent(), page);
    }

    /** The filters as a query string (without sort and page), for the table's links. */
    private static String query(DeviceFilter f) {
        List<String> parts = new ArrayList<>();
        f.search().ifPresent(v -> parts.add("q=" + ConsoleRequest.enc(v)));
        f.practice().ifPresent(v -> parts.add("practice=" + ConsoleRequest.enc(v)));
        f.verdict().ifPresent(v -> parts.add("verdict=" + ConsoleRequest.enc(v)));
        f.platform().ifPresent(v -> parts.add("os=" + ConsoleRequest.enc(v)));
        f.owner().ifPresent(v -> parts.add("owner=" + ConsoleRequest.enc(v)));
        if (f.stale()) {
            parts.add("stale=true");
        }
        return String.join("&", parts);
    }
}
