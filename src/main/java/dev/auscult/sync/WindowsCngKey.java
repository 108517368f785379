package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import dev.auscult.probe.ProcessRunner;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A device key in Windows' key storage (CNG), made and used through the PowerShell every Windows has (.NET's
 * {@code CngKey} and {@code ECDsaCng}), run by the one process gateway. With the <b>Microsoft Platform Crypto
 * Provider</b> the key is made inside the machine's TPM and cannot be exported — not by the user, not by an
 * administrator; without a usable TPM the <b>Microsoft Software Key Storage Provider</b> keeps it non-exportable in
 * the user's profile (protected by DPAPI), which is still better than a file. The key is a per-user key named
 * "Auscult device key &lt;uuid&gt;"; the agent keeps only its name and public half.
 *
 * <p>Every value put into a script is ours (the provider's and key's names) or Base64 (the data to sign), and the
 * script travels as {@code -EncodedCommand}, so nothing can be read as PowerShell but what we wrote.
 */
public final class WindowsCngKey implements HardwareKey {

    /** The TPM's key storage provider. */
    public static final String PLATFORM = "Microsoft Platform Crypto Provider";
    /** Windows' software key storage provider: the fallback without a TPM. */
    public static final String SOFTWARE = "Microsoft Software Key Storage Provider";
    static final String HOLDER = "windows-cng";
    /** BCRYPT_ECDSA_PUBLIC_P256_MAGIC ("ECS1", little-endian): the header of an ECC public blob for P-256 signing keys. */
    static final int ECS1 = 0x31534345;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=]+");
    private static final Pattern NAME = Pattern.compile("Auscult device key [0-9a-f-]{36}");

    private final ProcessRunner runner;
    private final String provider;
    private final String name;
    private final ECKey publicKey;

    private WindowsCngKey(ProcessRunner runner, String provider, String name, ECKey publicKey) {
        this.runner = runner;
        this.provider = provider;
        this.name = name;
        this.publicKey = publicKey;
    }

    /**
     * Windows' own PowerShell, from System32. {@code -Dauscult.cng.programs=DIR} takes it from DIR instead: the tests'
     * stand-in that answers in CNG's documented formats, since Windows' key storage cannot run here.
     */
    static ProcessRunner runner() {
        // PowerShell's start is slow on a busy machine (0.3–1 s, more with an antivirus scanning it)
        String dir = System.getProperty("auscult.cng.programs");
        return dir == null ? new ProcessRunner(Duration.ofSeconds(60), 1 << 16)
                : new ProcessRunner(Duration.ofSeconds(60), 1 << 16, new dev.auscult.probe.TrustedPrograms(List.of(java.nio.file.Path.of(dir))));
    }

    /** Makes a new non-exportable P-256 signing key with {@code provider}; throws when the provider cannot (no TPM). */
    public static WindowsCngKey create(ProcessRunner runner, String provider) throws IOException {
        String name = "Auscult device key " + UUID.randomUUID();
        String out = run(runner, "$c = [System.Security.Cryptography.CngKeyCreationParameters]::new()\n"
                + "$c.Provider = [System.Security.Cryptography.CngProvider]::new('" + known(provider) + "')\n"
                + "$c.ExportPolicy = [System.Security.Cryptography.CngExportPolicies]::None\n"
                + "$c.KeyUsage = [System.Security.Cryptography.CngKeyUsages]::Signing\n"
                + "$k = [System.Security.Cryptography.CngKey]::Create([System.Security.Cryptography.CngAlgorithm]::ECDsaP256, '" + name + "', $c)\n"
                + "[Convert]::ToBase64String($k.Export([System.Security.Cryptography.CngKeyBlobFormat]::EccPublicBlob))\n", "create");
        return new WindowsCngKey(runner, provider, name, fromEccPublicBlob(decode(out, "create")));
    }

    /** The key named in a key file. */
    static WindowsCngKey load(JsonNode reference, ECKey publicKey) throws IOException {
        String provider = reference.path("provider").asText();
        String name = reference.path("name").asText();
        if (!NAME.matcher(name).matches()) {
            throw new IOException("the key file names no Auscult key (" + name + ")");
        }
        return new WindowsCngKey(runner(), known(provider), name, publicKey);
    }

    private static String known(String provider) throws IOException {
        if (!provider.equals(PLATFORM) && !provider.equals(SOFTWARE)) {
            throw new IOException("unknown key storage provider: " + provider);
        }
        return provider;
    }

    @Override
    public ECKey publicKey() {
        return publicKey;
    }

    @Override
    public DeviceKey.Binding binding() {
        return provider.equals(PLATFORM) ? DeviceKey.Binding.TPM : DeviceKey.Binding.SOFTWARE;
    }

    @Override
    public void describe(ObjectNode reference) {
        reference.put("holder", HOLDER).put("provider", provider).put("name", name);
    }

    /** ECDsaCng signs with SHA-256 and answers IEEE P1363 (r‖s): what JWS wants, with no conversion. */
    @Override
    public byte[] sign(byte[] data) throws IOException {
        String out = run(runner, open() + "$e = [System.Security.Cryptography.ECDsaCng]::new($k)\n"
                + "[Convert]::ToBase64String($e.SignData([Convert]::FromBase64String('" + Base64.getEncoder().encodeToString(data)
                + "'), [System.Security.Cryptography.HashAlgorithmName]::SHA256))\n", "sign");
        byte[] signature = decode(out, "sign");
        if (signature.length != 64) {
            throw new IOException("Windows' key storage answered a signature of " + signature.length + " bytes, not 64");
        }
        return signature;
    }

    @Override
    public void discard() throws IOException {
        run(runner, open() + "$k.Delete()\n", "delete");
    }

    private String open() {
        return "$k = [System.Security.Cryptography.CngKey]::Open('" + name + "', [System.Security.Cryptography.CngProvider]::new('" + provider + "'))\n";
    }

    /** Runs one script; its last line of output is the answer. A failure says what PowerShell said. */
    private static String run(ProcessRunner runner, String script, String what) throws IOException {
        String full = "$ErrorActionPreference = 'Stop'\n$ProgressPreference = 'SilentlyContinue'\n" + script;
        String encoded = Base64.getEncoder().encodeToString(full.getBytes(StandardCharsets.UTF_16LE));
        Reading r = runner.run("device_key.windows", List.of("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded));
        String out = KeyHelperAnswer.stdout(r, KeyHelperAnswer.Why.FIRST_LINE, "Windows' key storage could not " + what + " the device key");
        return out.strip().lines().reduce((a, b) -> b).orElse("").strip();
    }

    private static byte[] decode(String out, String what) throws IOException {
        if (!BASE64.matcher(out).matches()) {
            throw new IOException("Windows' key storage answered something unexpected to " + what);
        }
        return Base64.getDecoder().decode(out);
    }

    /** BCRYPT_ECCKEY_BLOB: magic, key length (both little-endian 32-bit), then X and Y, big-endian. */
    static ECKey fromEccPublicBlob(byte[] blob) throws IOException {
        if (blob.length != 8 + 64) {
            throw new IOException("an ECC public blob of " + blob.length + " bytes is not a P-256 key");
        }
        ByteBuffer header = ByteBuffer.wrap(blob, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        int magic = header.getInt();
        int length = header.getInt();
        if (magic != ECS1 || length != 32) {
            throw new IOException("the ECC public blob is not a P-256 signing key (magic " + Integer.toHexString(magic) + ", " + length + " bytes)");
        }
        return new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(blob, 8, 40)), Base64URL.encode(Arrays.copyOfRange(blob, 40, 72)))
                .build();
    }
}
