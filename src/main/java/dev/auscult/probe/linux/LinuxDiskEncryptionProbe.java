package dev.auscult.probe.linux;

import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * ON only when the device holding / sits on a dm-crypt/LUKS device. Another encrypted disk (a USB stick)
 * is not enough: it was Stethoscope's "any crypt device" false pass.
 */
final class LinuxDiskEncryptionProbe implements PracticeProbe {

    private static final String LSBLK = "linux.block_devices";
    private static final String MOUNTS = "linux.mounts";
    private static final PracticeId ID = PracticeId.DISK_ENCRYPTION;

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(LSBLK);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(LSBLK);
        if (!(r instanceof Reading.CommandOutput c) || c.exitCode() != 0) {
            String why = r instanceof Reading.CommandOutput c ? "lsblk exited with code " + c.exitCode() : r.problem();
            return Observation.unknown(ID, "the disks could not be listed: " + why, List.of(LSBLK));
        }
        List<BlockDevices.Chain> chains;
        try {
            chains = BlockDevices.rootChains(c.stdout());
        } catch (IOException e) {
            return Observation.unknown(ID, "the disk list could not be understood: " + e.getMessage(), List.of(LSBLK));
        }
        if (chains.isEmpty()) {
            return rootNotOnABlockDevice(evidence);
        }
        List<BlockDevices.Chain> plain = chains.stream().filter(ch -> !ch.encrypted()).toList();
        if (plain.isEmpty()) {
            return Observation.on(ID, "the system disk is encrypted: " + chains.getFirst().describe(), List.of(LSBLK))
                    .withDetails(Map.of("root", chains.getFirst().describe()));
        }
        return Observation.off(ID, "the system disk is not encrypted: / is on " + plain.getFirst().describe()
                + " with no LUKS/dm-crypt layer", List.of(LSBLK)).withDetails(Map.of("root", plain.getFirst().describe()));
    }

    /** lsblk shows no device at /: say what / is (overlay in a container, a network share…). */
    private Observation rootNotOnABlockDevice(Evidence evidence) {
        String rootFs = evidence.read(MOUNTS).text().flatMap(m -> m.lines()
                .map(l -> l.split("\\s+"))
                .filter(f -> f.length >= 3 && f[1].equals("/"))
                .reduce((a, b) -> b) // the last mount on / is the one in effect
                .map(f -> f[2] + " from " + f[0])).orElse("");
        String reason = rootFs.isEmpty()
                ? "no disk is mounted at / in the lsblk output, so the system disk could not be identified"
                : "/ is a " + rootFs + " filesystem, not a disk partition (a container or network root?), so its encryption cannot be seen";
        return Observation.unknown(ID, reason, List.of(LSBLK, MOUNTS));
    }
}
