package dev.auscult.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory key store from PEM files — what certbot, acme.sh, cert-manager and internal CAs hand out — so an
 * admin never has to run keytool. The key must be unencrypted PKCS#8 ("BEGIN PRIVATE KEY", certbot's default);
 * the older PKCS#1/SEC1 forms are refused with the one command that converts them.
 */
final class PemKeyStore {

    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeyStore() {
    }

    static KeyStore load(Path certificate, Path privateKey) throws IOException {
        List<? extends Certificate> chain = certificates(certificate);
        PrivateKey key = privateKey(privateKey);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("auscult", key, new char[0], chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException(certificate + " and " + privateKey + " do not make a key pair: " + e.getMessage(), e);
        }
    }

    private static List<? extends Certificate> certificates(Path file) throws IOException {
        byte[] pem = Files.readAllBytes(file);
        try {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)));
            if (chain.isEmpty()) {
                throw new IOException(file + " holds no certificate (expected \u201c-----BEGIN CERTIFICATE-----\u201d)");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
            throw new IOException(file + " is in the older PKCS#1/SEC1 form; convert it once with: openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out key-pkcs8.pem");
        }
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new IOException(file + " is encrypted; the server reads an unencrypted key kept readable by its own user only "
                    + "(chmod 600), or use tls.keyStore with a password file");
        }
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new IOException(file + " holds no private key (expected \u201c-----BEGIN PRIVATE KEY-----\u201d)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // the PKCS#8 header names the algorithm; trying the few TLS uses is simpler than parsing it
            }
        }
        throw new IOException(file + " holds a private key of a kind TLS here cannot use (EC, RSA or Ed25519 expected)");
    }
}
