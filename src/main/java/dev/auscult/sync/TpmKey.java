package dev.auscult.sync;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import dev.auscult.probe.ProcessRunner;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A device key held by the machine's TPM 2.0, through Debian's {@code tpm2-tools} (run by the one process gateway):
 * an ECC P-256 signing key made inside the TPM under the owner hierarchy's storage primary, with {@code fixedtpm} and
 * {@code fixedparent} — its private part leaves the TPM only wrapped by that TPM's own storage key, so the files kept
 * here ({@code key.pub}, {@code key.priv}) are useless on any other machine, and nobody (root included) can read the
 * key out. We use the tools rather than a Java TSS library: they are what distributions ship and keep, they speak to
 * the kernel's resource manager ({@code /dev/tpmrm0}) like every other TPM user, and no Java TSS is maintained.
 *
 * <p>The storage primary is made again when needed (the same template gives the same key), the loaded key's context
 * is kept in {@code key.ctx} and made again after a reboot. Without a resource manager between us and the TPM (a
 * simulator reached directly, as tests do), transient objects are flushed after each command.
 */
public final class TpmKey implements HardwareKey {

    /** The kernel's resource-managed TPM device: usable when this user may read and write it (the {@code tss} group). */
    public static final Path DEVICE = Path.of("/dev/tpmrm0");
    static final String PRIMARY = "primary.ctx";
    private static final String ATTRIBUTES = "fixedtpm|fixedparent|sensitivedataorigin|userwithauth|sign|noda";

    private final Path dir;
    private final String tcti;
    private final ProcessRunner runner;
    private final ECKey publicKey;

    private TpmKey(Path dir, String tcti, ProcessRunner runner, ECKey publicKey) {
        this.dir = dir;
        this.tcti = tcti;
        this.runner = runner;
        this.publicKey = publicKey;
    }

    /**
     * The TPM this agent may use: {@code -Dauscult.tpm.tcti} (a simulator, in tests), else {@code /dev/tpmrm0} when
     * this user may use it and {@code tpm2-tools} is installed; else none (the key is then software-held).
     */
    public static Optional<String> usableTcti() {
        String forced = System.getProperty("auscult.tpm.tcti");
        if (forced != null) {
            return forced.equals("none") ? Optional.empty() : Optional.of(forced);
        }
        boolean tools = dev.auscult.probe.TrustedPrograms.forThisSystem().resolve("tpm2_sign").isPresent();
        boolean device = Files.isReadable(DEVICE) && Files.isWritable(DEVICE);
        return tools && device ? Optional.of("device:" + DEVICE) : Optional.empty();
    }

    static ProcessRunner runner() {
        return new ProcessRunner(Duration.ofSeconds(30), 1 << 16);
    }

    /** A new key for {@code keyFile}, its blobs in a directory of their own beside it; nothing is left if the TPM fails. */
    static TpmKey createBeside(Path keyFile, String tcti) throws IOException {
        Path dir = keyFile.resolveSibling(DeviceKey.tpmDir(keyFile) + ".new-" + java.util.UUID.randomUUID());
        try {
            return create(dir, tcti);
        } catch (IOException | RuntimeException e) {
            new TpmKey(dir, tcti, runner(), null).discard();
            throw e;
        }
    }

    /** Makes a new key inside the TPM; its wrapped blobs and public key are kept in {@code dir} (made 0700). */
    public static TpmKey create(Path dir, String tcti) throws IOException {
        ProcessRunner runner = runner();
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows has no tpm2-tools path)
        }
        TpmKey maker = new TpmKey(dir, tcti, runner, null);
        maker.primary();
        maker.tool("tpm2_create", "-C", dir.resolve(PRIMARY).toString(), "-G", "ecc256:ecdsa-sha256", "-a", ATTRIBUTES,
                "-u", dir.resolve("key.pub").toString(), "-r", dir.resolve("key.priv").toString());
        maker.loadKey();
        Path pem = dir.resolve("key.pem");
        maker.tool("tpm2_readpublic", "-c", dir.resolve("key.ctx").toString(), "-f", "pem", "-o", pem.toString());
        ECKey pub = fromPem(Files.readString(pem));
        Files.writeString(dir.resolve("public.jwk"), pub.toJSONString());
        return new TpmKey(dir, tcti, runner, pub);
    }

    /** The key made earlier in {@code dir}. */
    public static TpmKey load(Path dir, String tcti) throws IOException {
        try {
            return new TpmKey(dir, tcti, runner(), ECKey.parse(Files.readString(dir.resolve("public.jwk"))));
        } catch (java.text.ParseException e) {
            throw new IOException(dir.resolve("public.jwk") + " is not a public key: " + e.getMessage(), e);
        }
    }

    @Override
    public ECKey publicKey() {
        return publicKey;
    }

    @Override
    public DeviceKey.Binding binding() {
        return DeviceKey.Binding.TPM;
    }

    /** The holder, the TPM it is in and the directory of its wrapped blobs (named relative to the key file). */
    @Override
    public void describe(com.fasterxml.jackson.databind.node.ObjectNode reference) {
        reference.put("holder", HOLDER).put("tcti", tcti).put("dir", dir.getFileName().toString());
    }

    static final String HOLDER = "tpm2-tools";

    /** The key itself never leaves the TPM; its wrapped blobs are all there is to delete. */
    @Override
    public void discard() throws IOException {
        deleteTree(dir);
    }

    /** Deletes a directory of blobs and everything in it; nothing when it is not there. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    Path dir() {
        return dir;
    }

    public String tcti() {
        return tcti;
    }

    /** ES256 over {@code data}: the TPM hashes and signs; the DER signature becomes JWS's r‖s. */
    @Override
    public byte[] sign(byte[] data) throws IOException {
        Path in = Files.createTempFile(dir, "sign-", ".in");
        Path out = dir.resolve(in.getFileName() + ".sig");
        try {
            Files.write(in, data);
            List<String> sign = List.of("tpm2_sign", "-c", dir.resolve("key.ctx").toString(), "-g", "sha256", "-s", "ecdsa", "-f", "plain",
                    "-o", out.toString(), in.toString());
            if (!Files.exists(dir.resolve("key.ctx")) || !ran(sign)) {
                // no saved context yet, or it died with the TPM's last reset (a reboot): load the key again
                loadKey();
                tool(sign.toArray(String[]::new));
            }
            return ECDSA.transcodeSignatureToConcat(Files.readAllBytes(out), 64);
        } catch (JOSEException e) {
            throw new IOException("the TPM's signature could not be read: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    private void primary() throws IOException {
        tool("tpm2_createprimary", "-C", "o", "-g", "sha256", "-G", "ecc256", "-c", dir.resolve(PRIMARY).toString());
    }

    private void loadKey() throws IOException {
        if (!Files.exists(dir.resolve(PRIMARY)) || !ran(List.of("tpm2_load", "-C", dir.resolve(PRIMARY).toString(), "-u", dir.resolve("key.pub").toString(),
                "-r", dir.resolve("key.priv").toString(), "-c", dir.resolve("key.ctx").toString()))) {
            primary();
            tool("tpm2_load", "-C", dir.resolve(PRIMARY).toString(), "-u", dir.resolve("key.pub").toString(),
                    "-r", dir.resolve("key.priv").toString(), "-c", dir.resolve("key.ctx").toString());
        }
    }

    private void tool(String... argv) throws IOException {
        Reading r = runner.run("device_key.tpm", withTcti(List.of(argv)));
        flushIfUnmanaged();
        KeyHelperAnswer.stdout(r, KeyHelperAnswer.Why.LAST_LINE, argv[0] + " failed");
    }

    private boolean ran(List<String> argv) {
        Reading r = runner.run("device_key.tpm", withTcti(argv));
        flushIfUnmanaged();
        return r instanceof Reading.CommandOutput out && out.exitCode() == 0;
    }

    private List<String> withTcti(List<String> argv) {
        List<String> out = new ArrayList<>(argv);
        out.addAll(1, List.of("-T", tcti));
        return out;
    }

    /** A simulator reached directly has no resource manager: our transient objects would fill its few slots. */
    private void flushIfUnmanaged() {
        if (tcti.startsWith("swtpm:") || tcti.startsWith("mssim:")) {
            runner.run("device_key.tpm", List.of("tpm2_flushcontext", "-T", tcti, "-t"));
        }
    }

    static ECKey fromPem(String pem) throws IOException {
        try {
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new ECKey.Builder(Curve.P_256, key).keyIDFromThumbprint().build();
        } catch (java.security.GeneralSecurityException | IllegalArgumentException | JOSEException e) {
            throw new IOException("the TPM's public key could not be read: " + e.getMessage(), e);
        }
    }
}
