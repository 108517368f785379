package dev.auscult.probe.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.State;
import dev.auscult.probe.Recorded;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Firewall, remote login and antivirus from systemd unit states, config files and socket tables. */
class LinuxServiceProbesTest {

    /** `systemctl show --property=Id,LoadState,ActiveState,UnitFileState …`: one block per unit, blank-line separated. */
    private static String show(String... blocks) {
        return String.join("\n\n", blocks) + "\n";
    }

    private static String unit(String id, String load, String active, String file) {
        return "Id=" + id + "\nLoadState=" + load + "\nActiveState=" + active + "\nUnitFileState=" + file;
    }

    private static String notFound(String id) {
        return unit(id, "not-found", "inactive", "");
    }

    private static final String NOTHING_RUNNING = show(
            unit("ufw.service", "loaded", "active", "enabled"), notFound("firewalld.service"), notFound("nftables.service"),
            notFound("ssh.service"), notFound("sshd.service"), notFound("clamav-daemon.service"));

    private static Recorded units(String show) {
        return Recorded.on(OsPlatform.LINUX).command("linux.systemd_units", 0, show);
    }

    @Test
    void ufwCountsOnlyWhenEnabledInItsConfigAndRunning() {
        // ufw.service is a oneshot that stays "active" even when ufw.conf says ENABLED=no
        Observation off = new LinuxFirewallProbe().observe(units(NOTHING_RUNNING).file("linux.ufw_conf", "# comment\nENABLED=no\nLOGLEVEL=low\n").evidence());
        assertEquals(State.OFF, off.state());
        Observation on = new LinuxFirewallProbe().observe(units(NOTHING_RUNNING).file("linux.ufw_conf", "ENABLED=yes\r\nLOGLEVEL=low\r\n").evidence());
        assertEquals(State.ON, on.state());
        assertTrue(on.evidence().containsAll(List.of("linux.systemd_units", "linux.ufw_conf")));
    }

    @Test
    void nftablesWithTheStockAcceptAllRulesetIsOff() {
        String show = show(notFound("ufw.service"), notFound("firewalld.service"), unit("nftables.service", "loaded", "active", "enabled"));
        String debianStock = "#!/usr/sbin/nft -f\n\nflush ruleset\n\ntable inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter;\n\t}\n"
                + "\tchain forward {\n\t\ttype filter hook forward priority filter;\n\t}\n}\n";
        assertEquals(State.OFF, new LinuxFirewallProbe().observe(units(show).file("linux.nftables_conf", debianStock).evidence()).state());
        String filtering = debianStock.replace("priority filter;\n\t}", "priority filter; policy drop;\n\t\tct state established accept\n\t}");
        assertEquals(State.ON, new LinuxFirewallProbe().observe(units(show).file("linux.nftables_conf", filtering).evidence()).state());
    }

    @Test
    void firewalldRunningIsOn() {
        String show = show(notFound("ufw.service"), unit("firewalld.service", "loaded", "active", "enabled"));
        assertEquals(State.ON, new LinuxFirewallProbe().observe(units(show).evidence()).state());
    }

    @Test
    void withoutSystemdTheFirewallIsUnknownUnlessUfwIsEnabled() {
        Recorded noSystemd = Recorded.on(OsPlatform.LINUX).command("linux.systemd_units", 1, "",
                "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n");
        Observation unknown = new LinuxFirewallProbe().observe(noSystemd.evidence());
        assertEquals(State.UNKNOWN, unknown.state());
        assertTrue(unknown.reason().contains("System has not been booted with systemd"), unknown.reason());
        assertEquals(State.ON, new LinuxFirewallProbe().observe(noSystemd.file("linux.ufw_conf", "ENABLED=yes\n").evidence()).state());
    }

    @Test
    void olderSnapshotsWithPerUnitSourcesStillWork() {
        Observation o = new LinuxFirewallProbe().observe(Recorded.on(OsPlatform.LINUX)
                .command("linux.unit_ufw", 3, "inactive\n").command("linux.unit_firewalld", 3, "inactive\n")
                .command("linux.unit_nftables", 3, "inactive\n").evidence());
        assertEquals(State.OFF, o.state());
        assertTrue(o.evidence().contains("linux.unit_ufw"));
    }

    @Test
    void sshListeningOnAllInterfacesIsRemoteLoginOn() {
        Observation o = new LinuxRemoteLoginProbe().observe(Recorded.on(OsPlatform.LINUX)
                .file("linux.proc_net_tcp", Fixtures.text("outputs/proc-net-tcp-centos7-sshd-listening.txt")).evidence());
        assertEquals(State.ON, o.state());
        assertTrue(o.reason().contains("port 22"), o.reason());
    }

    @Test
    void nothingOnPort22IsRemoteLoginOff() {
        Observation o = new LinuxRemoteLoginProbe().observe(Recorded.on(OsPlatform.LINUX)
                .file("linux.proc_net_tcp", Fixtures.text("outputs/proc-net-tcp-debian12-ci-vm.txt"))
                .file("linux.proc_net_tcp6", Fixtures.text("outputs/proc-net-tcp6-debian12-ci-vm.txt")).evidence());
        assertEquals(State.OFF, o.state());
    }

    @Test
    void sshOnlyOnLoopbackIsNotRemoteLogin() {
        String loopbackOnly = "  sl  local_address rem_address   st\n   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n";
        String v6Loopback = "   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 2 1\n";
        Observation o = new LinuxRemoteLoginProbe().observe(Recorded.on(OsPlatform.LINUX)
                .file("linux.proc_net_tcp", loopbackOnly).file("linux.proc_net_tcp6", v6Loopback).evidence());
        assertEquals(State.OFF, o.state());
    }

    @Test
    void sshdRunningOnAnotherPortIsOn() {
        Observation o = new LinuxRemoteLoginProbe().observe(units(show(unit("ssh.service", "loaded", "active", "enabled")))
                .file("linux.proc_net_tcp", Fixtures.text("outputs/proc-net-tcp-debian12-ci-vm.txt")).evidence());
        assertEquals(State.ON, o.state());
    }

    @Test
    void olderSnapshotsWithSsOutputStillWork() {
        Observation o = new LinuxRemoteLoginProbe().observe(Recorded.on(OsPlatform.LINUX)
                .command("linux.listening_tcp", 0, "LISTEN 0      128          0.0.0.0:22        0.0.0.0:*\nLISTEN 0      4096   127.0.0.53%lo:53        0.0.0.0:*\n")
                .evidence());
        assertEquals(State.ON, o.state());
    }

    @Test
    void antivirusNamesTheRunningProduct() {
        Observation o = new LinuxAntivirusProbe().observe(units(show(notFound("clamav-daemon.service"),
                unit("mdatp.service", "loaded", "active", "enabled"))).evidence());
        assertEquals(State.ON, o.state());
        assertTrue(o.reason().startsWith("Microsoft Defender for Endpoint"));
        Observation stopped = new LinuxAntivirusProbe().observe(units(show(unit("clamav-daemon.service", "loaded", "inactive", "disabled"))).evidence());
        assertEquals(State.OFF, stopped.state());
        assertTrue(stopped.reason().contains("installed but not running"));
        assertEquals(State.OFF, new LinuxAntivirusProbe().observe(units(NOTHING_RUNNING).evidence()).state());
    }

    @Test
    void anActiveSshDaemonProvesRemoteLoginEvenWhenTheSocketTableIsUnreadable() {
        // RHEL: the service is sshd.service (ssh.service does not exist); /proc/net/tcp denied by SELinux/hidepid
        String show = show(notFound("ssh.service"), unit("sshd.service", "loaded", "active", "enabled"));
        Observation o = new LinuxRemoteLoginProbe().observe(units(show)
                .unavailable("linux.proc_net_tcp", dev.auscult.probe.ReadStatus.DENIED, "permission denied")
                .unavailable("linux.proc_net_tcp6", dev.auscult.probe.ReadStatus.DENIED, "permission denied").evidence());
        assertEquals(State.ON, o.state(), o.reason());
        assertTrue(o.reason().contains("sshd.service"), o.reason());
    }

    @Test
    void noFirewallIsOffOnlyWhenEveryFirewallWasRead() {
        // firewalld's state missing from the evidence: it could be the one running, so not OFF
        String show = show(notFound("ufw.service"), notFound("nftables.service"));
        Observation o = new LinuxFirewallProbe().observe(units(show).evidence());
        assertEquals(State.UNKNOWN, o.state(), o.reason());
        assertTrue(o.reason().contains("firewalld.service"), o.reason());
    }
}
