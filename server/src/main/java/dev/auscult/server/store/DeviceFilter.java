package dev.auscult.server.store;

import java.util.Optional;
import java.util.Set;

/**
 * What the console's device table can be filtered and sorted by. Values are checked against closed sets here, so
 * nothing a query string says reaches SQL but as a bound value.
 */
public record DeviceFilter(Optional<String> practice, Optional<String> verdict, Optional<String> platform, Optional<String> owner,
                           boolean stale, Optional<String> search, String sort, boolean descending, int page) {

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
