package dev.auscult.server.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures as the Standard Webhooks specification has them (what Svix, and through it many SaaS receivers,
 * verify): HMAC-SHA256 with the base64 key after {@code whsec_} over {@code id.timestamp.body}, sent as
 * {@code webhook-signature: v1,<base64>} beside {@code webhook-id} and {@code webhook-timestamp} (Unix seconds). A
 * receiver refuses a signature that does not match and a timestamp far from its clock (replays).
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a webhook cannot be signed with this secret", e);
        }
    }
}
