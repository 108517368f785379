package dev.auscult.sync;

import dev.auscult.probe.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The security hardware this machine offers for a device key, in the order to try: a TPM 2.0 on Linux (tpm2-tools),
 * on Windows the TPM through the Platform Crypto Provider and then Windows' software key storage, on a Mac the Secure
 * Enclave. When every one fails the key is made in software, so activation never fails for want of hardware.
 */
public record HardwareKeys(List<Maker> makers) {

    /** Makes a key for {@code keyFile} (the file that will name it: where its blobs go). */
    @FunctionalInterface
    public interface Making {
        HardwareKey make(Path keyFile) throws IOException;
    }

    /** One way to make a key, and what the log calls it when it fails. */
    public record Maker(String name, Making making) {
        HardwareKey make(Path keyFile) throws IOException {
            return making.make(keyFile);
        }
    }

    public HardwareKeys {
        makers = List.copyOf(makers);
    }

    public static HardwareKeys none() {
        return new HardwareKeys(List.of());
    }

    /** What this machine and user can use now. */
    public static HardwareKeys forThisMachine() {
        List<Maker> makers = new ArrayList<>();
        TpmKey.usableTcti().ifPresent(t -> makers.add(tpm(t)));
        SecureEnclaveKey.helper().ifPresent(h -> makers.add(secureEnclave(SecureEnclaveKey.runner(), h)));
        if (System.getProperty("os.name", "").startsWith("Windows") && !"none".equals(System.getProperty("auscult.tpm.tcti"))) {
            makers.addAll(windows(WindowsCngKey.runner()));
        }
        return new HardwareKeys(makers);
    }

    /** A TPM reached through {@code tcti}: the kernel's resource manager, or a simulator in tests. */
    public static Maker tpm(String tcti) {
        return new Maker("the TPM", keyFile -> TpmKey.createBeside(keyFile, tcti));
    }

    /** Windows: the TPM's provider first, then the software key storage (still not exportable). */
    public static List<Maker> windows(ProcessRunner runner) {
        return List.of(cng(runner, WindowsCngKey.PLATFORM, "the TPM (Platform Crypto Provider)"),
                cng(runner, WindowsCngKey.SOFTWARE, "Windows' software key storage"));
    }

    private static Maker cng(ProcessRunner runner, String provider, String name) {
        return new Maker(name, keyFile -> WindowsCngKey.create(runner, provider));
    }

    public static Maker secureEnclave(ProcessRunner runner, Path helper) {
        return new Maker("the Secure Enclave", keyFile -> SecureEnclaveKey.create(runner, helper));
    }

    /** The first key a maker could make, each failure logged; empty when none could (the key is then software). */
    Optional<HardwareKey> make(Path keyFile) {
        for (Maker m : makers) {
            try {
                return Optional.of(m.make(keyFile));
            } catch (IOException e) {
                System.getLogger(HardwareKeys.class.getName()).log(System.Logger.Level.WARNING, "{0} could not make a device key ({1})",
                        m.name(), e.getMessage());
            }
        }
        return Optional.empty();
    }
}
