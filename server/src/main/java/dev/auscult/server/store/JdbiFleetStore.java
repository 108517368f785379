package dev.auscult.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** {@link FleetStore} in SQL. */
final class JdbiFleetStore implements FleetStore {

    private static final String ACTIVE = " FROM devices WHERE account_id = :a AND revoked_at IS NULL";

    private final Handle h;

    JdbiFleetStore(Handle h) {
        this.h = h;
    }

    @Override
    public int activeDevices(Account account) {
        return h.createQuery("SELECT count(*)" + ACTIVE).bind("a", account.id()).mapTo(Integer.class).one();
    }

    @Override
    public Map<String, Integer> statuses(Account account) {
        return counts(h.createQuery("SELECT COALESCE(latest_status, 'NONE') k, count(*) n" + ACTIVE + " GROUP BY COALESCE(latest_status, 'NONE')")
                .bind("a", account.id()));
    }

    @Override
    public Map<String, Integer> failingByPractice(Account account) {
        return counts(h.createQuery("SELECT rp.practice k, count(*) n FROM devices d JOIN report_practices rp ON rp.report_id = d.latest_report "
                        + "AND rp.device_id = d.id WHERE d.account_id = :a AND d.revoked_at IS NULL AND rp.verdict = 'FAIL' "
                        + "GROUP BY rp.practice ORDER BY count(*) DESC, rp.practice").bind("a", account.id()));
    }

    @Override
    public int notSeenSince(Account account, Instant before) {
        return h.createQuery("SELECT count(*)" + ACTIVE + " AND last_seen_at < :t").bind("a", account.id()).bind("t", before).mapTo(Integer.class).one();
    }

    @Override
    public Map<String, Integer> agentVersions(Account account) {
        return counts(h.createQuery("SELECT COALESCE(agent_version, '?') k, count(*) n" + ACTIVE + " GROUP BY COALESCE(agent_version, '?') "
                + "ORDER BY count(*) DESC").bind("a", account.id()));
    }

    private static Map<String, Integer> counts(Query q) {
        Map<String, Integer> out = new LinkedHashMap<>();
        q.map((rs, ctx) -> Map.entry(rs.getString("k"), rs.getInt("n"))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public List<DayCount> days(Account account, LocalDate since) {
        return h.createQuery("SELECT report_day, count(*) n, SUM(CASE WHEN status = 'PASS' THEN 1 ELSE 0 END) ok FROM device_days "
                        + "WHERE account_id = :a AND report_day >= :since GROUP BY report_day ORDER BY report_day")
                .bind("a", account.id()).bind("since", since)
                .map((rs, ctx) -> new DayCount(LocalDate.parse(rs.getString("report_day")), rs.getInt("n"), rs.getInt("ok"))).list();
    }

    @Override
    public DevicePage select(Account account, DeviceFilter f, Instant staleBefore, boolean paged) {
        StringBuilder where = new StringBuilder(" WHERE d.account_id = :a" + (f.withRevoked() ? "" : " AND d.revoked_at IS NULL"));
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
        String select = "SELECT " + DeviceColumns.columns("d") + " FROM devices d" + where + " ORDER BY " + order;
        if (!paged) {
            List<Device> list = bind(h.createQuery(select), account, f, staleBefore).map(DeviceColumns::device).list();
            return new DevicePage(list, list.size(), 1, 1);
        }
        int total = bind(h.createQuery("SELECT count(*) FROM devices d" + where), account, f, staleBefore).mapTo(Integer.class).one();
        int pages = Math.max(1, (total + DeviceFilter.PAGE_SIZE - 1) / DeviceFilter.PAGE_SIZE);
        int page = Math.min(f.page(), pages);
        Query q = bind(h.createQuery(select + " LIMIT :limit OFFSET :offset"), account, f, staleBefore);
        q.bind("limit", DeviceFilter.PAGE_SIZE).bind("offset", (page - 1) * DeviceFilter.PAGE_SIZE);
        return new DevicePage(q.map(DeviceColumns::device).list(), total, page, pages);
    }

    private static Query bind(Query q, Account account, DeviceFilter f, Instant staleBefore) {
        q.bind("a", account.id());
        f.practice().ifPresent(p -> q.bind("p", p));
        f.verdict().ifPresent(v -> q.bind("v", v));
        f.platform().ifPresent(p -> q.bind("os", p));
        f.owner().ifPresent(o -> q.bind("owner", o.toLowerCase(java.util.Locale.ROOT)));
        if (f.stale()) {
            q.bind("staleBefore", staleBefore);
        }
        // the search is a substring: LIKE's own wildcards in it are dropped, not interpreted
        f.search().ifPresent(s -> q.bind("q", "%" + s.toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%"));
        return q;
    }
}
