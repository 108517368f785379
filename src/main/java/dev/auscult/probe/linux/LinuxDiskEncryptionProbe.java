package dev.auscult.probe.linux;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.Finding;
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
            Object why = r instanceof Reading.CommandOutput c ? Finding.of(CommonPhrase.EXITED_WITH_CODE, "lsblk", c.exitCode()) : r.problem();
            return Observation.unknown(ID, Finding.of(LinuxPhrase.DISKS_UNLISTED, why), List.of(LSBLK));
        }
        List<BlockDevices.Chain> chains;
        try {
            chains = BlockDevices.rootChains(c.stdout());
        } catch (IOException e) {
            return Observation.unknown(ID, Finding.of(LinuxPhrase.DISKS_NOT_UNDERSTOOD, e.getMessage()), List.of(LSBLK));
        }
        if (chains.isEmpty()) {
            return rootNotOnABlockDevice(evidence);
        }
        List<BlockDevices.Chain> plain = chains.stream().filter(ch -> !ch.encrypted()).toList();
        if (plain.isEmpty()) {
            return Observation.on(ID, Finding.of(LinuxPhrase.DISK_ENCRYPTED, chains.getFirst().describe()), List.of(LSBLK))
                    .withDetails(Map.of("root", chains.getFirst().describe()));
        }
        return Observation.off(ID, Finding.of(LinuxPhrase.DISK_NOT_ENCRYPTED, plain.getFirst().describe()), List.of(LSBLK)).withDetails(Map.of("root", plain.getFirst().describe()));
    }

    /** lsblk shows no device at /: say what / is (overlay in a container, a network share…). */
    private Observation rootNotOnABlockDevice(Evidence evidence) {
        Finding reason = evidence.read(MOUNTS).text().flatMap(m -> m.lines()
                .map(l -> l.split("\\s+"))
                .filter(f -> f.length >= 3 && f[1].equals("/"))
                .reduce((a, b) -> b) // the last mount on / is the one in effect
                .map(f -> Finding.of(LinuxPhrase.ROOT_NOT_A_DISK, f[2], f[0])))
                .orElseGet(() -> Finding.of(LinuxPhrase.ROOT_NOT_FOUND));
        return Observation.unknown(ID, reason, List.of(LSBLK, MOUNTS));
    }
}
