package dev.auscult.probe.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.Fixtures;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
import dev.auscult.posture.State;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Recorded;
import org.junit.jupiter.api.Test;

/** Real lsblk outputs (see resources/outputs/PROVENANCE.md): only the device under / decides. */
class LinuxDiskEncryptionProbeTest {

    private static Observation observe(Recorded r) {
        return new LinuxDiskEncryptionProbe().observe(r.evidence());
    }

    private static Recorded lsblk(String fixture) {
        return Recorded.on(OsPlatform.LINUX).command("linux.block_devices", 0, Fixtures.text("outputs/" + fixture));
    }

    @Test
    void rootOnLuksIsOnEvenWithLocalizedSizesAndMountpointArrays() {
        Observation o = observe(lsblk("lsblk-fedora-luks-btrfs-root.json"));
        assertEquals(State.ON, o.state());
        assertTrue(o.reason().contains("nvme0n1p3"), o.reason());
    }

    @Test
    void encryptedDataDisksDoNotMakeAPlainRootEncrypted() {
        Observation o = observe(lsblk("lsblk-omv-encrypted-data-disks-plain-root.json"));
        assertEquals(State.OFF, o.state());
        assertTrue(o.reason().contains("vda1"), o.reason());
    }

    @Test
    void plainRootWithMountpointsArraysIsOff() {
        assertEquals(State.OFF, observe(lsblk("lsblk-ubuntu-ec2-mountpoints-plain-root.json")).state());
    }

    @Test
    void plainRootWithOldMountpointStringIsOff() {
        assertEquals(State.OFF, observe(lsblk("lsblk-debian12-ci-vm.json")).state());
    }

    @Test
    void aContainerRootIsUnknownAndSaysWhy() {
        Observation o = observe(Recorded.on(OsPlatform.LINUX)
                .command("linux.block_devices", 0, "{\"blockdevices\": [{\"name\": \"vda\", \"type\": \"disk\", \"mountpoint\": null}]}")
                .file("linux.mounts", "overlay / overlay rw,relatime,lowerdir=/x 0 0\nproc /proc proc rw 0 0\n"));
        assertEquals(State.UNKNOWN, o.state());
        assertTrue(o.reason().contains("overlay"), o.reason());
    }

    @Test
    void missingOrBrokenLsblkIsUnknown() {
        assertEquals(State.UNKNOWN, observe(Recorded.on(OsPlatform.LINUX)
                .unavailable("linux.block_devices", ReadStatus.MISSING, "lsblk is not installed")).state());
        assertEquals(State.UNKNOWN, observe(Recorded.on(OsPlatform.LINUX).command("linux.block_devices", 0, "lsblk: garbage")).state());
        assertEquals(State.UNKNOWN, observe(Recorded.on(OsPlatform.LINUX).command("linux.block_devices", 1, "", "lsblk: failed")).state());
        assertEquals(State.UNKNOWN, observe(Recorded.on(OsPlatform.LINUX)
                .unavailable("linux.block_devices", ReadStatus.TIMEOUT, "lsblk timed out after 10 s")).state());
    }
}
