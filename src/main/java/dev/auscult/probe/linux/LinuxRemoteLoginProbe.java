package dev.auscult.probe.linux;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** ON when something accepts remote logins: a non-loopback listener on 22 (SSH) or 23 (telnet), or sshd running. */
final class LinuxRemoteLoginProbe implements PracticeProbe {

    private static final String TCP4 = "linux.proc_net_tcp";
    private static final String TCP6 = "linux.proc_net_tcp6";
    private static final String SS = "linux.listening_tcp";
    private static final PracticeId ID = PracticeId.REMOTE_LOGIN;
    private static final List<Integer> LOGIN_PORTS = List.of(22, 23);

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(TCP4, TCP6, SystemdUnits.SOURCE);
    }

    @Override
    public Observation observe(Evidence evidence) {
        List<String> ids = new ArrayList<>();
        Optional<List<ListeningSockets.Listener>> listeners = listeners(evidence, ids);
        SystemdUnits units = SystemdUnits.read(evidence);
        ids.addAll(units.evidenceFor("ssh.service", "sshd.service"));
        Map<String, String> details = new TreeMap<>();
        Optional<SystemdUnits.Unit> ssh = units.anyOf("ssh.service", "sshd.service");
        ssh.ifPresent(u -> details.put(u.name(), u.describe()));

        if (listeners.isPresent()) {
            Optional<ListeningSockets.Listener> open = listeners.get().stream()
                    .filter(l -> !l.loopback() && LOGIN_PORTS.contains(l.port())).findFirst();
            if (open.isPresent()) {
                String what = open.get().port() == 23 ? "telnet" : "SSH";
                return Observation.on(ID, Finding.of(LinuxPhrase.REMOTE_LOGIN_LISTENING, what, open.get().port()), ids).withDetails(details);
            }
        }
        if (ssh.map(SystemdUnits.Unit::active).orElse(false)) {
            return Observation.on(ID, Finding.of(LinuxPhrase.SSH_RUNNING, ssh.get().name()), ids).withDetails(details);
        }
        if (listeners.isPresent()) {
            return Observation.off(ID, Finding.of(ssh.isPresent() ? LinuxPhrase.NO_REMOTE_LOGIN_SSH_STOPPED : LinuxPhrase.NO_REMOTE_LOGIN), ids).withDetails(details);
        }
        return Observation.unknown(ID, Finding.of(LinuxPhrase.PORTS_UNREADABLE, evidence.read(TCP4).problem()), ids)
                .withDetails(details);
    }

    private static Optional<List<ListeningSockets.Listener>> listeners(Evidence evidence, List<String> ids) {
        Reading v4 = evidence.read(TCP4);
        Reading v6 = evidence.read(TCP6);
        if (v4.isOk() || v6.isOk()) {
            List<ListeningSockets.Listener> all = new ArrayList<>();
            v4.text().ifPresent(t -> {
                all.addAll(ListeningSockets.fromProc(t, false));
                ids.add(TCP4);
            });
            v6.text().ifPresent(t -> {
                all.addAll(ListeningSockets.fromProc(t, true));
                ids.add(TCP6);
            });
            return Optional.of(all);
        }
        Reading ss = evidence.read(SS);
        if (ss instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            ids.add(SS);
            return Optional.of(ListeningSockets.fromSs(c.stdout()));
        }
        ids.addAll(List.of(TCP4, TCP6, SS));
        return Optional.empty();
    }
}
