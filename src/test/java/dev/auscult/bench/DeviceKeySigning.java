package dev.auscult.bench;

import dev.auscult.sync.DeviceKey;
import dev.auscult.sync.SoftwareTpm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * For bench/device-key-signing.sh: the agent-side cost of one request proof (DPoP + body hash), with the key in
 * software (a file) and in a TPM 2.0 (swtpm through tpm2-tools, as a laptop's /dev/tpmrm0) — {@code RUNS} proofs
 * each over a 20 KB report body after 5 warm-up proofs; prints median and p95.
 *
 * <p>Usage: {@code java -cp … dev.auscult.bench.DeviceKeySigning RUNS WORK_DIR}
 */
public final class DeviceKeySigning {

    private DeviceKeySigning() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        byte[] body = "x".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        measure("software (file)", DeviceKey.generate(), runs, body);
        try (SoftwareTpm tpm = SoftwareTpm.start(work.resolve("tpm"))) {
            DeviceKey key = DeviceKey.generate(work.resolve("device-key.json"),
                    new dev.auscult.sync.HardwareKeys(java.util.List.of(dev.auscult.sync.HardwareKeys.tpm(tpm.tcti()))));
            key.save(work.resolve("device-key.json"));
            measure("TPM 2.0 (swtpm)", DeviceKey.load(work.resolve("device-key.json")).orElseThrow(), runs, body);
        }
    }

    private static void measure(String label, DeviceKey key, int runs, byte[] body) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            key.proof("POST", URI.create("https://auscult.example/graphql"), body, "tok-1", Instant.now());
            if (i >= 5) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(ms);
        System.out.printf("%s: %d proofs, median %.2f ms, p95 %.2f ms%n", label, runs, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1));
    }
}
