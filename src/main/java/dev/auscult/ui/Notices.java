package dev.auscult.ui;

import dev.auscult.app.LocalApiProblem;
import dev.auscult.app.SyncNotice;
import dev.auscult.ui.status.StatusView;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The banner above the practices: what reporting, activation, sign-in confirmations and the web check-in service have
 * to say — given as facts by the layers below, put in the person's language here — and the configuration keys that
 * were ignored. Several at once are shown together; good news (activated by the organisation) is information, not a
 * red banner, unless a problem shows with it. Not thread-safe: the FX thread owns it.
 */
final class Notices {

    private final UiText text;
    private final Clock clock;
    private final List<String> configWarnings;
    private Optional<String> sync = Optional.empty();
    private boolean syncIsProblem;
    private Optional<String> localApi = Optional.empty();

    Notices(UiText text, Clock clock, List<String> configWarnings) {
        this.text = text;
        this.clock = clock;
        this.configWarnings = List.copyOf(configWarnings);
    }

    /** What reporting and activation have to say (or their end, when empty). */
    void sync(Optional<SyncNotice> notice) {
        sync = notice.map(this::words);
        syncIsProblem = notice.map(SyncNotice::problem).orElse(false);
    }

    /** A sentence already in the person's language (a message key's words), as news or as a problem. */
    void said(String words, boolean problem) {
        sync = Optional.of(words);
        syncIsProblem = problem;
    }

    /** A problem of the web check-in service (or its end, when empty). */
    void localApi(Optional<LocalApiProblem> problem) {
        localApi = problem.map(p -> switch (p) {
            case LocalApiProblem.PortInUse u -> text.get("notice.localApiPortInUse", String.valueOf(u.port()));
            case LocalApiProblem.CouldNotStart c -> text.get("notice.localApiCouldNotStart", c.detail());
        });
    }

    /** What the banner shows now, if anything. */
    Optional<StatusView.Notice> current() {
        Optional<String> config = configNotice();
        String joined = String.join("\n", Stream.of(sync, localApi, config).flatMap(Optional::stream).toList());
        boolean problem = sync.isPresent() && syncIsProblem || localApi.isPresent() || config.isPresent();
        return joined.isEmpty() ? Optional.empty() : Optional.of(new StatusView.Notice(joined, problem));
    }

    private String words(SyncNotice notice) {
        return switch (notice) {
            case SyncNotice.ManagedActivated a -> text.get("notice.managedActivated", a.email());
            case SyncNotice.ManagedActivationFailed f -> text.get("notice.managedActivationFailed", switch (f.kind()) {
                case INVALID_CODE -> text.get("wizard.error.invalidCode");
                case CODE_EXPIRED -> text.get("wizard.error.codeExpired");
                case CODE_REPLACED -> text.get("wizard.error.codeReplaced");
                case CODE_ALREADY_USED -> text.get("wizard.error.codeUsed");
                case UNKNOWN_ACCOUNT -> text.get("wizard.error.unknownAccount");
                default -> text.get("wizard.error.network");
            });
            case SyncNotice.DeviceNotAccepted d -> text.get("notice.deviceNotAccepted");
            case SyncNotice.BackendUnreachable b when b.notSeenSince(clock.instant()) -> text.get("notice.notSeen",
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(text.locale())
                            .withZone(ZoneId.systemDefault()).format(b.lastDelivered().orElseThrow()));
            case SyncNotice.BackendUnreachable b -> text.get("notice.backendUnreachable");
            case SyncNotice.ReportNotSaved r -> text.get("notice.reportNotSaved");
            case SyncNotice.PolicyUnusable u -> text.get("notice.policyUnusable");
        };
    }

    /** A config.yaml key that was ignored (misspelt, wrong type, an untrusted managed file) must not go unsaid. */
    private Optional<String> configNotice() {
        return configWarnings.isEmpty() ? Optional.empty()
                : Optional.of(text.get("notice.configIgnored", configWarnings.getFirst(), configWarnings.size() - 1));
    }
}
