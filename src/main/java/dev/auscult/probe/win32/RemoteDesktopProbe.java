package dev.auscult.probe.win32;

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
            return Observation.unknown(ID, "the Remote Desktop setting could not be read: " + (json.readable() ? "fDenyTSConnections is absent" : json.problem()),
                    List.of(RDP));
        }
        return deny.get() == 1
                ? Observation.off(ID, "Remote Desktop connections are refused", List.of(RDP))
                : Observation.on(ID, "Remote Desktop accepts connections to this PC", List.of(RDP));
    }
}
