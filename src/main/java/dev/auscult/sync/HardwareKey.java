package dev.auscult.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;

/**
 * A device key whose private half is held by the machine's security hardware and never leaves it: a TPM 2.0 through
 * tpm2-tools (Linux), a TPM through Windows' Platform Crypto Provider (or, without one, Windows' software key storage),
 * the Secure Enclave through a small helper (macOS). Each signs ES256 and says how to find the key again.
 */
public sealed interface HardwareKey permits TpmKey, WindowsCngKey, SecureEnclaveKey {

    ECKey publicKey();

    /** ES256 over {@code data} (the hardware hashes with SHA-256), as JWS wants it: r‖s, 64 bytes. */
    byte[] sign(byte[] data) throws IOException;

    DeviceKey.Binding binding();

    /** Writes into the key file's JSON what finds this key again (besides its binding and public key). */
    void describe(ObjectNode reference);

    /** Deletes what this key leaves outside the key file (the TPM's wrapped blobs, a key in Windows' key storage). */
    void discard() throws IOException;
}
