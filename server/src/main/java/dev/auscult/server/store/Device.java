package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** A device as its row keeps it: who owns it, what it said of itself, when it was last heard of, and its key. */
public record Device(String id, String accountId, String ownerEmail, String platform, Optional<String> osName,
                     Optional<String> osVersion, Optional<String> hostname, Optional<String> hardwareModel,
                     Optional<String> hardwareSerial, Optional<String> agentVersion, Instant activatedAt, Instant lastSeenAt,
                     Optional<Instant> revokedAt, Optional<String> latestReport, Optional<String> latestStatus,
                     Optional<String> keyThumbprint, Optional<String> keyBinding, Optional<Instant> keyMadeAt,
                     Optional<Instant> keyRotationAskedAt) {

    /** How the device proves it is itself: its own key (held in its TPM or Secure Enclave, or in software), or its token alone. */
    public String binding() {
        return keyThumbprint.map(t -> (!hardwareBound() ? "device key (software, ES256) "
                        : keyBinding.filter("secure-enclave"::equals).isPresent()
                        ? "device key held in the Secure Enclave (hardware, not exportable), ES256 "
                        : "device key held in the TPM (hardware, not exportable), ES256 ") + t.substring(0, Math.min(12, t.length())) + "…")
                .orElse("token only (activated by an agent without a device key)");
    }

    /** Where the key is held, in words for a sentence: "its TPM", "its Secure Enclave", "software". */
    public static String heldIn(String binding) {
        return switch (binding) {
            case "tpm" -> "held in its TPM";
            case "secure-enclave" -> "held in its Secure Enclave";
            default -> "held in software";
        };
    }

    /** It has a key of its own (an agent since contract 1.2), which an administrator may ask it to replace. */
    public boolean keyBound() {
        return keyThumbprint.isPresent();
    }

    /** Its key is held by hardware (as its agent reports; not attested). */
    public boolean hardwareBound() {
        return keyThumbprint.isPresent() && keyBinding.filter(b -> b.equals("tpm") || b.equals("secure-enclave")).isPresent();
    }

    /** The row's account: the account whose query found this device (or whose token proved it). */
    public Account account() {
        return new Account(accountId);
    }
}
