// Stands in for powershell.exe running .NET's CngKey / ECDsaCng, which cannot run on Linux: it decodes the
// -EncodedCommand script the agent sends, refuses scripts that do not ask for a non-exportable signing key, and
// answers in CNG's documented formats (BCRYPT_ECCPUBLIC_BLOB, IEEE P1363 signatures). Keys live in the directory
// given as -Dfake.dir, one file per provider and key name. A file "no-tpm" there makes the Platform Crypto Provider
// fail as it does without a TPM; "broken" makes every provider fail.
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FakeCngPowerShell {
    public static void main(String[] args) throws Exception {
        String script = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-EncodedCommand")) {
                script = new String(Base64.getDecoder().decode(args[i + 1]), StandardCharsets.UTF_16LE);
            }
        }
        if (script == null) {
            fail(64, "no -EncodedCommand");
        }
        Path dir = Path.of(System.getProperty("fake.dir"));
        String provider = group(script, "CngProvider\\]::new\\('([^']+)'\\)");
        if (Files.exists(dir.resolve("broken")) || provider.equals("Microsoft Platform Crypto Provider") && Files.exists(dir.resolve("no-tpm"))) {
            fail(1, "Exception calling \"Create\" with \"3\" argument(s): \"The requested operation is not supported.\"");
        }
        if (script.contains("CngKey]::Create(")) {
            if (!script.contains("CngExportPolicies]::None") || !script.contains("CngKeyUsages]::Signing")
                    || !script.contains("CngAlgorithm]::ECDsaP256")) {
                fail(2, "the script does not ask for a non-exportable P-256 signing key");
            }
            String name = group(script, "ECDsaP256, '([^']+)'");
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            Files.write(file(dir, provider, name), pair.getPrivate().getEncoded());
            Files.write(dir.resolve(name + ".pub"), pair.getPublic().getEncoded());
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            ByteBuffer blob = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN).putInt(0x31534345).putInt(32);
            blob.put(fixed(pub.getW().getAffineX())).put(fixed(pub.getW().getAffineY()));
            System.out.println(Base64.getEncoder().encodeToString(blob.array()));
            return;
        }
        String name = group(script, "CngKey\\]::Open\\('([^']+)'");
        Path key = file(dir, provider, name);
        if (!Files.exists(key)) {
            fail(1, "Exception calling \"Open\" with \"2\" argument(s): \"The requested key does not exist.\"");
        }
        if (script.contains("$k.Delete()")) {
            Files.delete(key);
            return;
        }
        if (!script.contains("HashAlgorithmName]::SHA256")) {
            fail(2, "not SHA-256");
        }
        byte[] data = Base64.getDecoder().decode(group(script, "FromBase64String\\('([^']+)'\\)"));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(key))));
        s.update(data);
        System.out.println(Base64.getEncoder().encodeToString(s.sign()));
    }

    static Path file(Path dir, String provider, String name) {
        return dir.resolve((provider.contains("Platform") ? "tpm-" : "ksp-") + name.replace(' ', '_') + ".key");
    }

    static byte[] fixed(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        System.arraycopy(b, Math.max(0, b.length - 32), out, Math.max(0, 32 - b.length), Math.min(32, b.length));
        return out;
    }

    static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            fail(64, "the script has no " + regex);
        }
        return m.group(1);
    }

    static void fail(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }
}
