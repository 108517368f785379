package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import dev.auscult.probe.ProcessRunner;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A device key in the Mac's Secure Enclave, made and used by {@code auscult-se-key} — a small CryptoKit helper
 * shipped in the app bundle ({@code packaging/jpackage/macos/se-key/main.swift}), run by the process gateway. The
 * private key never leaves the Secure Enclave; the agent keeps its public half and the blob the Secure Enclave wraps
 * it in, which works on no other Mac. A helper rather than FFM into Security.framework: CryptoKit is Swift-only, and
 * a 60-line program is easier to review than the C calls and CoreFoundation memory rules it would replace.
 */
public final class SecureEnclaveKey implements HardwareKey {

    static final String HOLDER = "secure-enclave";
    /** The helper's name in the app bundle, beside the launchers. */
    static final String HELPER = "auscult-se-key";
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=]+");

    private final ProcessRunner runner;
    private final Path helper;
    private final String blob;
    private final ECKey publicKey;

    private SecureEnclaveKey(ProcessRunner runner, Path helper, String blob, ECKey publicKey) {
        this.runner = runner;
        this.helper = helper;
        this.blob = blob;
        this.publicKey = publicKey;
    }

    static ProcessRunner runner() {
        return new ProcessRunner(Duration.ofSeconds(30), 1 << 16);
    }

    /**
     * The helper, when this is a Mac: {@code -Dauscult.seKeyHelper} (tests), else beside the app's launcher
     * ({@code jpackage.app-path}, Contents/MacOS/Auscult).
     */
    public static Optional<Path> helper() {
        String forced = System.getProperty("auscult.seKeyHelper");
        if (forced != null) {
            return forced.equals("none") ? Optional.empty() : Optional.of(Path.of(forced)).filter(Files::isExecutable);
        }
        if (!System.getProperty("os.name", "").startsWith("Mac")) {
            return Optional.empty();
        }
        return Optional.ofNullable(System.getProperty("jpackage.app-path")).map(p -> Path.of(p).resolveSibling(HELPER)).filter(Files::isExecutable);
    }

    /** Makes a new key in the Secure Enclave. */
    public static SecureEnclaveKey create(ProcessRunner runner, Path helper) throws IOException {
        Map<String, String> out = run(runner, helper, "create", null).lines().map(String::strip).filter(l -> l.contains(" "))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), l -> l.substring(l.indexOf(' ') + 1), (a, b) -> b));
        String point = out.getOrDefault("public", "");
        String blob = out.getOrDefault("blob", "");
        if (!BASE64.matcher(point).matches() || !BASE64.matcher(blob).matches()) {
            throw new IOException("the Secure Enclave helper answered something unexpected to create");
        }
        return new SecureEnclaveKey(runner, helper, blob, fromX963(Base64.getDecoder().decode(point)));
    }

    static SecureEnclaveKey load(JsonNode reference, ECKey publicKey) throws IOException {
        String blob = reference.path("blob").asText();
        if (!BASE64.matcher(blob).matches()) {
            throw new IOException("the key file holds no Secure Enclave key");
        }
        Path helper = helper().orElseThrow(() -> new IOException("the Secure Enclave helper " + HELPER + " is missing from the app"));
        return new SecureEnclaveKey(runner(), helper, blob, publicKey);
    }

    @Override
    public ECKey publicKey() {
        return publicKey;
    }

    @Override
    public DeviceKey.Binding binding() {
        return DeviceKey.Binding.SECURE_ENCLAVE;
    }

    /** The wrapped blob lives in the key file itself (0600): without this Mac's Secure Enclave it is nothing. */
    @Override
    public void describe(ObjectNode reference) {
        reference.put("holder", HOLDER).put("blob", blob);
    }

    @Override
    public byte[] sign(byte[] data) throws IOException {
        String out = run(runner, helper, "sign", blob + "\n" + Base64.getEncoder().encodeToString(data) + "\n").strip();
        byte[] signature = BASE64.matcher(out).matches() ? Base64.getDecoder().decode(out) : new byte[0];
        if (signature.length != 64) {
            throw new IOException("the Secure Enclave helper answered no ES256 signature");
        }
        return signature;
    }

    /** Nothing outside the key file: the key exists only as the blob. */
    @Override
    public void discard() {
    }

    private static String run(ProcessRunner runner, Path helper, String command, String stdin) throws IOException {
        Reading r = stdin == null ? runner.run("device_key.secure_enclave", List.of(helper.toString(), command))
                : runner.run("device_key.secure_enclave", List.of(helper.toString(), command), stdin);
        return KeyHelperAnswer.stdout(r, KeyHelperAnswer.Why.FIRST_LINE, "the Secure Enclave could not " + command);
    }

    /** An uncompressed X9.63 point: 0x04, X, Y (32 bytes each for P-256). */
    static ECKey fromX963(byte[] point) throws IOException {
        if (point.length != 65 || point[0] != 4) {
            throw new IOException("the Secure Enclave's public key is not an uncompressed P-256 point");
        }
        return new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(point, 1, 33)), Base64URL.encode(Arrays.copyOfRange(point, 33, 65)))
                .build();
    }
}
