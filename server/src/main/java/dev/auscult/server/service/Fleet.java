package dev.auscult.server.service;

import dev.auscult.server.store.Account;
import dev.auscult.server.store.Device;
import dev.auscult.server.store.DeviceFilter;
import dev.auscult.server.store.DevicePage;
import dev.auscult.server.store.FleetStore;
import dev.auscult.server.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public static final Duration STALE = Duration.ofDays(7);

    private final Tx tx;
    private final Clock clock;

    public Fleet(Tx tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public Overview overview(Account account) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return tx.read(s -> {
            var fleet = s.fleet();
            Map<String, Integer> statuses = fleet.statuses(account);
            // the trend: per day, each reporting device's last status that day (kept in device_days as reports arrive)
            Map<LocalDate, FleetStore.DayCount> byDay = new LinkedHashMap<>();
            fleet.days(account, today.minusDays(29)).forEach(d -> byDay.put(d.day(), d));
            List<DayShare> trend = new ArrayList<>();
            for (int i = 29; i >= 0; i--) {
                LocalDate day = today.minusDays(i);
                FleetStore.DayCount c = byDay.getOrDefault(day, new FleetStore.DayCount(day, 0, 0));
                trend.add(new DayShare(day, c.reporting(), c.passing()));
            }
            return new Overview(fleet.activeDevices(account), statuses.getOrDefault("PASS", 0), fleet.failingByPractice(account), trend,
                    fleet.notSeenSince(account, now.minus(STALE)), fleet.agentVersions(account), statuses);
        });
    }

    public DevicePage devices(Account account, DeviceFilter f) {
        return tx.read(s -> s.fleet().select(account, f, clock.instant().minus(STALE), true));
    }

    /**
     * The devices the filter selects as a spreadsheet. Hostnames and OS names come from devices: every field is quoted and
     * formula-defused.
     */
    public String csv(Account account, DeviceFilter f) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (Device d : all(account, f)) {
            rows.add(List.of(d.id(), d.ownerEmail(), d.hostname().orElse(""), d.platform(), d.osName().orElse(""),
                    d.osVersion().orElse(""), d.agentVersion().orElse(""), d.lastSeenAt().toString(), d.latestStatus().orElse("")));
        }
        return dev.auscult.report.SpreadsheetCsv.write(List.of("device", "owner", "name", "platform", "os", "os_version", "agent", "last_seen", "status"),
                rows);
    }

    /** Every device matching the filter (for the CSV export), in the table's order, in one query. */
    public List<Device> all(Account account, DeviceFilter f) {
        return all(account, f, STALE);
    }

    /** {@link #all(String, DeviceFilter)} with "stale" meaning not seen for {@code notSeenFor} (the command line chooses it). */
    public List<Device> all(Account account, DeviceFilter f, Duration notSeenFor) {
        return tx.read(s -> s.fleet().select(account, f, clock.instant().minus(notSeenFor), false)).devices();
    }
}
