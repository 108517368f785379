package dev.auscult.probe.darwin;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Remote Login (SSH) and Screen Sharing: {@code launchctl print system/<service>} succeeds only while the
 * service is enabled ("Could not find service" otherwise). Listening ports 22, 23 and 5900 are the
 * fallback when launchctl cannot answer.
 */
final class MacRemoteLoginProbe implements PracticeProbe {

    private static final String SSHD = "darwin.sshd_service";
    private static final String SCREEN_SHARING = "darwin.screensharing_service";
    private static final String NETSTAT = "darwin.listening_tcp";
    private static final PracticeId ID = PracticeId.REMOTE_LOGIN;
    /** netstat -anv prints local addresses as "*.22" or "127.0.0.1.22". */
    private static final Pattern LISTEN = Pattern.compile("(?m)^tcp\\S*\\s+\\d+\\s+\\d+\\s+(\\S+)\\.(22|23|5900)\\s+\\S+\\s+LISTEN");

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SSHD, SCREEN_SHARING);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Optional<Boolean> ssh = loaded(evidence.read(SSHD));
        Optional<Boolean> vnc = loaded(evidence.read(SCREEN_SHARING));
        Map<String, String> details = new TreeMap<>();
        ssh.ifPresent(v -> details.put("Remote Login (SSH)", v ? "on" : "off"));
        vnc.ifPresent(v -> details.put("Screen Sharing", v ? "on" : "off"));
        List<String> ev = List.of(SSHD, SCREEN_SHARING);
        if (ssh.orElse(false) || vnc.orElse(false)) {
            MacPhrase what = ssh.orElse(false) && vnc.orElse(false) ? MacPhrase.SSH_AND_SCREEN_SHARING_ON
                    : ssh.orElse(false) ? MacPhrase.SSH_ON : MacPhrase.SCREEN_SHARING_ON;
            return Observation.on(ID, Finding.of(what), ev).withDetails(details);
        }
        if (ssh.isPresent() && vnc.isPresent()) {
            return Observation.off(ID, Finding.of(MacPhrase.SHARING_OFF), ev).withDetails(details);
        }
        Reading netstat = evidence.read(NETSTAT);
        List<String> ev2 = List.of(SSHD, SCREEN_SHARING, NETSTAT);
        if (netstat instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            var m = LISTEN.matcher(c.stdout());
            while (m.find()) {
                String addr = m.group(1);
                if (!addr.startsWith("127.") && !addr.equals("::1")) {
                    return Observation.on(ID, Finding.of(MacPhrase.REMOTE_PORT_LISTENING, m.group(2)), ev2).withDetails(details);
                }
            }
            return Observation.off(ID, Finding.of(MacPhrase.NOTHING_LISTENING), ev2).withDetails(details);
        }
        return Observation.unknown(ID, Finding.of(MacPhrase.SHARING_UNREADABLE, evidence.read(SSHD).problem()), ev2).withDetails(details);
    }

    /** Present when launchctl gave a clear answer. */
    static Optional<Boolean> loaded(Reading r) {
        if (!(r instanceof Reading.CommandOutput c)) {
            return Optional.empty();
        }
        String all = c.stdout() + c.stderr();
        if (c.exitCode() == 0 && all.contains("state =")) {
            return Optional.of(true);
        }
        if (all.contains("Could not find service")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }
}
