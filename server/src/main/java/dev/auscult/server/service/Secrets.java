package dev.auscult.server.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Makes and hashes the server's secrets. Device tokens are 256 random bits; activation codes 60 random
 * bits in Crockford's base32 (no I, L, O, U to misread), grouped {@code XXXX-XXXX-XXXX} so that YAML
 * never mistakes one for a number. Only SHA-256 hashes are stored: the values are random enough that
 * a salt or a slow hash adds nothing, and lookups stay one indexed equality.
 */
public final class Secrets {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String deviceToken() {
        return token("asc_");
    }

    /** 256 random bits after a prefix that says what the secret is for (so a leaked one can be recognised). */
    public String token(String prefix) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String id(String prefix) {
        return prefix + code(16).toLowerCase(Locale.ROOT);
    }

    public String activationCode() {
        String c = code(12);
        return c.substring(0, 4) + "-" + c.substring(4, 8) + "-" + c.substring(8);
    }

    private String code(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(CROCKFORD[random.nextInt(CROCKFORD.length)]);
        }
        return sb.toString();
    }

    /** Codes as people type them: any case, with or without dashes and spaces; O and I/L read as 0 and 1. */
    public static String normaliseCode(String typed) {
        return typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1').replace('L', '1');
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
