package dev.auscult.probe.darwin;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application firewall from {@code socketfilterfw --getglobalstate} ("(State = 0/1/2)", or the
 * words alone in older releases), falling back to the legacy {@code com.apple.alf globalstate}.
 * 1 = on, 2 = on and blocking all incoming connections, 0 = off.
 */
final class MacFirewallProbe implements PracticeProbe {

    private static final String SOCKETFILTERFW = "darwin.firewall_state";
    private static final String ALF = "darwin.alf_globalstate";
    private static final PracticeId ID = PracticeId.FIREWALL;
    private static final Pattern STATE = Pattern.compile("State\\s*=\\s*(\\d)");

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SOCKETFILTERFW);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(SOCKETFILTERFW);
        if (r instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            Optional<Integer> state = state(c.stdout() + c.stderr());
            if (state.isPresent()) {
                return verdict(state.get(), List.of(SOCKETFILTERFW));
            }
        }
        Reading alf = evidence.read(ALF);
        if (alf instanceof Reading.CommandOutput c && c.exitCode() == 0 && c.stdout().strip().matches("\\d")) {
            return verdict(Integer.parseInt(c.stdout().strip()), List.of(SOCKETFILTERFW, ALF));
        }
        return Observation.unknown(ID, Finding.of(MacPhrase.FIREWALL_UNREADABLE, r.isOk() ? Finding.of(MacPhrase.SOCKETFILTERFW_NO_STATE) : r.problem()), List.of(SOCKETFILTERFW, ALF));
    }

    static Optional<Integer> state(String out) {
        Matcher m = STATE.matcher(out);
        if (m.find()) {
            return Optional.of(Integer.parseInt(m.group(1)));
        }
        String lower = out.toLowerCase(Locale.ROOT);
        if (lower.contains("is blocking all")) {
            return Optional.of(2);
        }
        if (lower.contains("firewall is enabled") || lower.contains("firewall is on")) {
            return Optional.of(1);
        }
        if (lower.contains("firewall is disabled") || lower.contains("firewall is off")) {
            return Optional.of(0);
        }
        return Optional.empty();
    }

    private static Observation verdict(int state, List<String> ev) {
        return switch (state) {
            case 0 -> Observation.off(ID, Finding.of(MacPhrase.FIREWALL_OFF), ev);
            case 1 -> Observation.on(ID, Finding.of(MacPhrase.FIREWALL_ON), ev);
            case 2 -> Observation.on(ID, Finding.of(MacPhrase.FIREWALL_BLOCKS_ALL), ev);
            default -> Observation.unknown(ID, Finding.of(MacPhrase.FIREWALL_UNKNOWN_STATE, state), ev);
        };
    }
}
