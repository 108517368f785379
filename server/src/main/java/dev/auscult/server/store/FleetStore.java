package dev.auscult.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The questions asked of an account's whole fleet of active devices (read only). */
public interface FleetStore {

    /** One day of the trend: how many devices reported that day, and how many of them passed in their last report. */
    record DayCount(LocalDate day, int reporting, int passing) {
    }

    int activeDevices(Account account);

    /** Latest status ("NONE" for a device that never reported) → devices. */
    Map<String, Integer> statuses(Account account);

    /** Practice → devices whose latest report fails it, the most failed first. */
    Map<String, Integer> failingByPractice(Account account);

    int notSeenSince(Account account, Instant before);

    /** Agent version ("?" when unknown) → devices, the most common first. */
    Map<String, Integer> agentVersions(Account account);

    /** The days from {@code since} that had reports. */
    List<DayCount> days(Account account, LocalDate since);

    /** The devices the filter selects, a page of them ({@code paged}) or all; {@code staleBefore} for the filter's "not seen". */
    DevicePage select(Account account, DeviceFilter filter, Instant staleBefore, boolean paged);
}
