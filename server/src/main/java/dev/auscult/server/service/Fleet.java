package dev.auscult.server.service;

import dev.auscult.server.store.DeviceColumns;
import dev.auscult.server.store.Device;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** The questions the console asks of the whole fleet: compliance, failures per practice, trend, a filtered device list. */
public final class Fleet {

    public record Overview(int devices, int compliant, Map<String, Integer> failingByPractice, List<DayShare> trend, int stale,
                           Map<String, Integer> agentVersions, Map<String, Integer> statuses) {

        public int compliantPercent() {
            return devices == 0 ? 0 : Math.round(100f * compliant / devices);
        }
    }

    /** One day of the trend: of the devices that reported that day, how many were compliant in their last report. */
    public record DayShare(LocalDate day, int reporting, int compliant) {
        public double share() {
            return reporting == 0 ? 0 : (double) compliant / reporting;
        }
    }

    /** What the devices table shows and can be filtered by; values are checked against closed sets. */
    public record Filter(Optional<String> practice, Optional<String> verdict, Optional<String> platform, Optional<String> owner,
                         boolean stale, Optional<String> search, String sort, boolean descending, int page) {

        public static final Set<String> SORTS = Set.of("owner", "name", "os", "agent", "seen", "status");
        public static final Set<String> VERDICTS = Set.of("PASS", "NUDGE", "UNKNOWN", "FAIL");
        public static final int PAGE_SIZE = 50;

        public Filter {
            sort = SORTS.contains(sort) ? sort : "seen";
            page = Math.max(1, page);
            verdict = verdict.filter(VERDICTS::contains);
            practice = practice.filter(p -> p.matches("[A-Za-z]{1,40}"));
            platform = platform.filter(p -> p.matches("[a-z0-9]{1,20}"));
        }
    }

    public record Page(List<Device> devices, int total, int page, int pages) {
    }

    public static final Duration STALE = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final Clock clock;

    public Fleet(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Overview overview(String accountId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            int devices = h.createQuery("SELECT count(*) FROM devices WHERE account_id = :a AND revoked_at IS NULL").bind("a", accountId).mapTo(Integer.class).one();
            Map<String, Integer> statuses = new LinkedHashMap<>();
            h.createQuery("SELECT COALESCE(latest_status, 'NONE') s, count(*) n FROM devices WHERE account_id = :a AND revoked_at IS NULL GROUP BY COALESCE(latest_status, 'NONE')")
                    .bind("a", accountId).map((rs, ctx) -> Map.entry(rs.getString("s"), rs.getInt("n"))).forEach(e -> statuses.put(e.getKey(), e.getValue()));
            Map<String, Integer> failing = new LinkedHashMap<>();
            h.createQuery("SELECT rp.practice p, count(*) n FROM devices d JOIN report_practices rp ON rp.report_id = d.latest_report AND rp.device_id = d.id "
                            + "WHERE d.account_id = :a AND d.revoked_at IS NULL AND rp.verdict = 'FAIL' GROUP BY rp.practice ORDER BY count(*) DESC, rp.practice")
                    .bind("a", accountId).map((rs, ctx) -> Map.entry(rs.getString("p"), rs.getInt("n"))).forEach(e -> failing.put(e.getKey(), e.getValue()));
            int stale = h.createQuery("SELECT count(*) FROM devices WHERE account_id = :a AND revoked_at IS NULL AND last_seen_at < :t")
                    .bind("a", accountId).bind("t", now.minus(STALE)).mapTo(Integer.class).one();
            Map<String, Integer> versions = new LinkedHashMap<>();
            h.createQuery("SELECT COALESCE(agent_version, '?') v, count(*) n FROM devices WHERE account_id = :a AND revoked_at IS NULL "
                            + "GROUP BY COALESCE(agent_version, '?') ORDER BY count(*) DESC")
                    .bind("a", accountId).map((rs, ctx) -> Map.entry(rs.getString("v"), rs.getInt("n"))).forEach(e -> versions.put(e.getKey(), e.getValue()));
            // the trend: per day, each reporting device's last status that day (kept in device_days as reports arrive)
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Map<LocalDate, int[]> byDay = new LinkedHashMap<>();
            h.createQuery("SELECT report_day, count(*) n, SUM(CASE WHEN status = 'PASS' THEN 1 ELSE 0 END) ok FROM device_days "
                            + "WHERE account_id = :a AND report_day >= :since GROUP BY report_day")
                    .bind("a", accountId).bind("since", today.minusDays(29))
                    .map((rs, ctx) -> Map.entry(LocalDate.parse(rs.getString("report_day")), new int[] {rs.getInt("n"), rs.getInt("ok")}))
                    .forEach(e -> byDay.put(e.getKey(), e.getValue()));
            List<DayShare> trend = new ArrayList<>();
            for (int i = 29; i >= 0; i--) {
                LocalDate day = today.minusDays(i);
                int[] v = byDay.getOrDefault(day, new int[] {0, 0});
                trend.add(new DayShare(day, v[0], v[1]));
            }
            return new Overview(devices, statuses.getOrDefault("PASS", 0), failing, trend, stale, versions, statuses);
        });
    }

    public Page devices(String accountId, Filter f) {
        return select(accountId, f, true);
    }

    private Page select(String accountId, Filter f, boolean paged) {
        StringBuilder where = new StringBuilder(" WHERE d.account_id = :a AND d.revoked_at IS NULL");
        if (f.practice().isPresent() && f.verdict().isPresent()) {
            where.append(" AND EXISTS (SELECT 1 FROM report_practices rp WHERE rp.report_id = d.latest_report AND rp.device_id = d.id AND rp.practice = :p AND rp.verdict = :v)");
        } else if (f.verdict().isPresent()) {
            where.append(" AND d.latest_status = :v");
        } else if (f.practice().isPresent()) {
            where.append(" AND EXISTS (SELECT 1 FROM report_practices rp WHERE rp.report_id = d.latest_report AND rp.device_id = d.id AND rp.practice = :p AND rp.verdict IS NOT NULL)");
        }
        f.platform().ifPresent(p -> where.append(" AND d.platform = :os"));
        f.owner().ifPresent(o -> where.append(" AND d.owner_email = :owner"));
        if (f.stale()) {
            where.append(" AND d.last_seen_at < :staleBefore");
        }
        f.search().ifPresent(q -> where.append(" AND (LOWER(d.owner_email) LIKE :q OR LOWER(COALESCE(d.hostname, '')) LIKE :q OR d.id LIKE :q)"));
        String order = switch (f.sort()) {
            case "owner" -> "d.owner_email";
            case "name" -> "d.hostname";
            case "os" -> "d.os_name";
            case "agent" -> "d.agent_version";
            case "status" -> "d.latest_status";
            default -> "d.last_seen_at";
        } + (f.descending() ? " DESC" : " ASC") + ", d.id";
        return jdbi.withHandle(h -> {
            String select = "SELECT " + DeviceColumns.columns("d") + " FROM devices d" + where + " ORDER BY " + order;
            if (!paged) {
                Query all = h.createQuery(select);
                bind(all, accountId, f);
                List<Device> list = all.map(DeviceColumns::device).list();
                return new Page(list, list.size(), 1, 1);
            }
            Query count = h.createQuery("SELECT count(*) FROM devices d" + where);
            bind(count, accountId, f);
            int total = count.mapTo(Integer.class).one();
            int pages = Math.max(1, (total + Filter.PAGE_SIZE - 1) / Filter.PAGE_SIZE);
            int page = Math.min(f.page(), pages);
            Query q = h.createQuery(select + " LIMIT :limit OFFSET :offset");
            bind(q, accountId, f);
            q.bind("limit", Filter.PAGE_SIZE).bind("offset", (page - 1) * Filter.PAGE_SIZE);
            return new Page(q.map(DeviceColumns::device).list(), total, page, pages);
        });
    }

    /**
     * The devices the filter selects as a spreadsheet. Hostnames and OS names come from devices: every field is quoted and
     * formula-defused.
     */
    public String csv(String accountId, Filter f) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (Device d : all(accountId, f)) {
            rows.add(List.of(d.id(), d.ownerEmail(), d.hostname().orElse(""), d.platform(), d.osName().orElse(""),
                    d.osVersion().orElse(""), d.agentVersion().orElse(""), d.lastSeenAt().toString(), d.latestStatus().orElse("")));
        }
        return dev.auscult.report.SpreadsheetCsv.write(List.of("device", "owner", "name", "platform", "os", "os_version", "agent", "last_seen", "status"),
                rows);
    }

    /** Every device matching the filter (for the CSV export), in the table's order, in one query. */
    public List<Device> all(String accountId, Filter f) {
        return select(accountId, f, false).devices();
    }

    private void bind(Query q, String accountId, Filter f) {
        q.bind("a", accountId);
        f.practice().ifPresent(p -> q.bind("p", p));
        f.verdict().ifPresent(v -> q.bind("v", v));
        f.platform().ifPresent(p -> q.bind("os", p));
        f.owner().ifPresent(o -> q.bind("owner", o.toLowerCase(java.util.Locale.ROOT)));
        if (f.stale()) {
            q.bind("staleBefore", clock.instant().minus(STALE));
        }
        f.search().ifPresent(s -> q.bind("q", "%" + s.toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%"));
    }
}
