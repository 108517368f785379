package dev.auscult.server.store;

import java.util.Optional;
import java.util.Set;

/**
 * What the device table — the console's, the API's, {@code admin list-devices} — can be filtered and sorted by. Values
 * are checked against closed sets here, so nothing a query string says reaches SQL but as a bound value. Revoked
 * devices are left out unless {@code withRevoked} (the command line's {@code --revoked}; the console never lists them).
 */
public record DeviceFilter(Optional<String> practice, Optional<String> verdict, Optional<String> platform, Optional<String> owner,
                           boolean stale, Optional<String> search, String sort, boolean descending, int page, boolean withRevoked) {

    public DeviceFilter(Optional<String> practice, Optional<String> verdict, Optional<String> platform, Optional<String> owner, boolean stale,
                        Optional<String> search, String sort, boolean descending, int page) {
        this(practice, verdict, platform, owner, stale, search, sort, descending, page, false);
    }

    /** Every device of the account, sorted; the stale ones only when {@code stale}. */
    public static DeviceFilter all(boolean stale, String sort, boolean withRevoked) {
        return new DeviceFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), stale, Optional.empty(), sort, false, 1,
                withRevoked);
    }

    public static final Set<String> SORTS = Set.of("owner", "name", "os", "agent", "seen", "status");
    public static final Set<String> VERDICTS = Set.of("PASS", "NUDGE", "UNKNOWN", "FAIL");
    public static final int PAGE_SIZE = 50;

    public DeviceFilter {
        sort = SORTS.contains(sort) ? sort : "seen";
        page = Math.max(1, page);
        verdict = verdict.filter(VERDICTS::contains);
        practice = practice.filter(p -> p.matches("[A-Za-z]{1,40}"));
        platform = platform.filter(p -> p.matches("[a-z0-9]{1,20}"));
    }
}
