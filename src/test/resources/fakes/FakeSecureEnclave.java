// Stands in for auscult-se-key (packaging/jpackage/macos/se-key/main.swift), which needs a Mac's Secure Enclave:
// the same commands and output. The "Secure Enclave" is an AES key in -Dfake.dir that wraps each private key into the
// blob the agent keeps — so a blob signs only with the enclave that made it, as on a Mac.
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class FakeSecureEnclave {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("fake.dir"));
        Path enclave = dir.resolve("enclave.key");
        if (!Files.exists(enclave)) {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            Files.write(enclave, k);
        }
        SecretKeySpec wrap = new SecretKeySpec(Files.readAllBytes(enclave), "AES");
        if (args.length != 1) {
            fail("usage: auscult-se-key create | sign");
        }
        if (args[0].equals("create")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, wrap, new GCMParameterSpec(128, iv));
            byte[] sealed = c.doFinal(pair.getPrivate().getEncoded());
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            byte[] point = ByteBuffer.allocate(65).put((byte) 4).put(fixed(pub.getW().getAffineX())).put(fixed(pub.getW().getAffineY())).array();
            System.out.println("public " + Base64.getEncoder().encodeToString(point));
            System.out.println("blob " + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array()));
            return;
        }
        if (!args[0].equals("sign")) {
            fail("usage: auscult-se-key create | sign");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        byte[] blob = Base64.getDecoder().decode(in.readLine().strip());
        byte[] data = Base64.getDecoder().decode(in.readLine().strip());
        byte[] pkcs8;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, wrap, new GCMParameterSpec(128, blob, 0, 12));
            pkcs8 = c.doFinal(blob, 12, blob.length - 12);
        } catch (Exception e) {
            fail("the Secure Enclave could not sign: CryptoKit.CryptoKitError.underlyingCoreCryptoError(error: -7)");
            return;
        }
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        s.update(data);
        System.out.println(Base64.getEncoder().encodeToString(s.sign()));
    }

    static byte[] fixed(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        System.arraycopy(b, Math.max(0, b.length - 32), out, Math.max(0, 32 - b.length), Math.min(32, b.length));
        return out;
    }

    static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
