package dev.auscult.probe.win32;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import java.util.List;
import java.util.Optional;

/** Remote Desktop: {@code fDenyTSConnections} 1 refuses connections (off), 0 accepts them (on). */
final class RemoteDesktopProbe implements PracticeProbe {

    private static final String RDP = "win32.rdp";
    private static final PracticeId ID = PracticeId.REMOTE_LOGIN;

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(RDP);
    }

    @Override
    public Observation observe(Evidence evidence) {
        WindowsJson json = WindowsJson.of(evidence.read(RDP));
        Optional<Long> deny = json.first().flatMap(n -> PowerShellJson.number(n, "fDenyTSConnections"));
        if (deny.isEmpty()) {
            return Observation.unknown(ID, Finding.of(WindowsPhrase.RDP_UNREADABLE, json.readable() ? Finding.of(WindowsPhrase.RDP_SETTING_ABSENT) : json.problem()),
                    List.of(RDP));
        }
        return deny.get() == 1
                ? Observation.off(ID, Finding.of(WindowsPhrase.RDP_REFUSED), List.of(RDP))
                : Observation.on(ID, Finding.of(WindowsPhrase.RDP_ACCEPTED), List.of(RDP));
    }
}
