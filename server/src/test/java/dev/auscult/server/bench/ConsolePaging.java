package dev.auscult.server.bench;

import dev.auscult.server.store.Account;

import dev.auscult.server.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * bench/console-paging.sh: the console's device table over a fleet of 10,000 devices with latest reports
 * (seeded straight into the database), on SQLite or PostgreSQL. Times the first, a middle and the last page,
 * a filtered page and the whole-fleet CSV export through HTTP with a signed-in session: 11 runs each after
 * 3 warm-up runs, median and slowest.
 *
 * <p>Usage: {@code ConsolePaging DATABASE_URL DEVICES}
 */
public final class ConsolePaging {

    private ConsolePaging() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        String url = args[0].equals("postgresql")
                ? dev.auscult.server.TestDatabases.all().filter(k -> k.name().equals("PostgreSQL")).findFirst().orElseThrow().freshUrl() : args[0];
        try (RunningServer server = RunningServer.start(url, m -> { })) {
            server.services.accounts().create("bench", "Bench", "bench");
            server.services.admins().create(new Account("bench"), "admin@bench.example", "a long enough password", "bench");
            Instant now = Instant.now();
            server.database.jdbi().useTransaction(h -> {
                var dev = h.prepareBatch("INSERT INTO devices (id, account_id, owner_email, device_uuid, token_hash, platform, os_name, os_version, "
                        + "hostname, agent_version, activated_at, last_seen_at, latest_report, latest_status) VALUES "
                        + "(:id, 'bench', :e, :id, :t, :p, 'OS', '1', :h, '0.1.0', :now, :seen, :r, :s)");
                for (int i = 0; i < n; i++) {
                    dev.bind("id", "dev_" + i).bind("e", "user" + i + "@bench.example").bind("t", "hash" + i)
                            .bind("p", i % 3 == 0 ? "darwin" : i % 3 == 1 ? "win32" : "linux").bind("h", "host-" + i).bind("now", now)
                            .bind("seen", now.minusSeconds(i * 60L)).bind("r", "r" + i).bind("s", i % 4 == 0 ? "PASS" : "FAIL").add();
                }
                dev.execute();
            });
            // 30 days of history: one report a day per device (the last day's is the latest), as 300,000 rows
            for (int day = 29; day >= 0; day--) {
                int d = day;
                server.database.jdbi().useTransaction(h -> {
                    var rep = h.prepareBatch("INSERT INTO reports (report_id, device_id, account_id, received_at, status, body) VALUES (:r, :d, 'bench', :at, :s, '{}')");
                    var days = h.prepareBatch("INSERT INTO device_days (device_id, report_day, account_id, status, at) VALUES (:d, :day, 'bench', :s, :at)");
                    var pr = h.prepareBatch("INSERT INTO report_practices (report_id, device_id, practice, state, verdict) VALUES (:r, :d, :p, 'ON', :v)");
                    Instant at = now.minus(java.time.Duration.ofDays(d));
                    for (int i = 0; i < n; i++) {
                        String id = d == 0 ? "r" + i : "r" + i + "-" + d;
                        String status = (i + d) % 4 == 0 ? "PASS" : "FAIL";
                        rep.bind("r", id).bind("d", "dev_" + i).bind("at", at).bind("s", status).add();
                        days.bind("d", "dev_" + i).bind("day", java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)).bind("s", status).bind("at", at).add();
                        if (d == 0) {
                            for (String p : new String[] {"osVersion", "firewall", "diskEncryption", "screenLock", "automaticUpdates", "remoteLogin"}) {
                                pr.bind("r", id).bind("d", "dev_" + i).bind("p", p).bind("v", (i + p.length()) % 5 == 0 ? "FAIL" : "PASS").add();
                            }
                        }
                    }
                    rep.execute();
                    days.execute();
                    if (d == 0) {
                        pr.execute();
                    }
                });
            }
            // what autovacuum does after a bulk load: without statistics the planner guesses the tables are tiny
            server.database.jdbi().useHandle(h -> h.execute("ANALYZE"));
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(server.base().resolve("/console/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin%40bench.example&password=a+long+enough+password")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            int last = (n + 49) / 50;
            for (String path : List.of("/console/devices", "/console/devices?page=" + last / 2, "/console/devices?page=" + last,
                    "/console/devices?practice=diskEncryption&verdict=FAIL&os=linux&page=3", "/console/devices?q=user99&sort=owner",
                    "/console", "/console/devices.csv")) {
                List<Long> times = new ArrayList<>();
                int size = 0;
                for (int run = 0; run < 14; run++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Cookie", cookie).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    long t = System.nanoTime() - t0;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(path + " → " + r.statusCode());
                    }
                    size = r.body().length();
                    if (run >= 3) {
                        times.add(t);
                    }
                }
                Collections.sort(times);
                System.out.printf("%-70s median %6.1f ms  slowest %6.1f ms  (%d KB)%n", path, times.get(times.size() / 2) / 1e6, times.getLast() / 1e6, size / 1024);
            }
        }
    }
}
