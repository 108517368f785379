package dev.auscult.server.push;

import dev.auscult.server.store.ClaimedDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.auscult.server.service.Deliveries;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Security Event Tokens (RFC 8417) for OpenID Shared Signals receivers: a device's compliance change as CAEP 1.0's
 * {@code device-compliance-change}, a revocation as {@code session-revoked}; the subject the device and its owner
 * ({@code sub_id}, complex: user by e-mail, device opaque); signed RS256 with the server's published keys.
 */
public final class SecurityEvents {

    public static final String COMPLIANCE = dev.auscult.server.service.SsfStreams.COMPLIANCE;
    public static final String SESSION_REVOKED = dev.auscult.server.service.SsfStreams.SESSION_REVOKED;
    public static final String VERIFICATION = dev.auscult.server.service.SsfStreams.VERIFICATION;

    private final Supplier<RSAKey> key;
    private final ObjectMapper json = new ObjectMapper();

    public SecurityEvents(Supplier<RSAKey> key) {
        this.key = key;
    }

    /** The SET for one outbox delivery, for one receiver's audience. */
    public String token(ClaimedDelivery d, String issuer) {
        JsonNode e;
        try {
            e = json.readTree(d.payload());
        } catch (IOException ex) {
            throw new IllegalStateException("a delivery's payload is damaged", ex);
        }
        long at = Instant.parse(e.path("occurredAt").asText()).getEpochSecond();
        Map<String, Object> event = new LinkedHashMap<>();
        String type;
        Map<String, Object> subject = Map.of("format", "complex",
                "user", Map.of("format", "email", "email", e.path("device").path("owner").asText("")),
                "device", Map.of("format", "opaque", "id", d.deviceId()));
        if (d.eventType().equals(Deliveries.VERIFICATION)) {
            // SSF 1.0 §8.1.4.1: the stream is the subject; the receiver's state comes back as it was sent
            type = VERIFICATION;
            if (e.hasNonNull("state")) {
                event.put("state", e.path("state").asText());
            }
            subject = Map.of("format", "opaque", "id", e.path("stream").asText());
        } else if (d.eventType().equals(Deliveries.REVOKED)) {
            type = SESSION_REVOKED;
            event.put("event_timestamp", at);
            event.put("initiating_entity", "admin");
            event.put("reason_admin", Map.of("en", e.path("reason").asText()));
        } else {
            type = COMPLIANCE;
            boolean compliant = e.path("current").asText().equals("compliant");
            event.put("previous_status", e.path("previous").asText().equals("compliant") ? "compliant" : "not-compliant");
            event.put("current_status", compliant ? "compliant" : "not-compliant");
            event.put("event_timestamp", at);
            event.put("initiating_entity", "policy");
            event.put("reason_admin", Map.of("en", e.path("reason").asText()));
            event.put("reason_user", Map.of("en", compliant ? "Your device meets your organisation's security policy."
                    : "Your device does not meet your organisation's security policy: open Auscult to see what to fix."));
        }
        RSAKey k = key.get();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(d.audience().orElse("")).issueTime(new Date())
                .jwtID(d.eventId()).claim("sub_id", subject).claim("events", Map.of(type, event)).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(k.getKeyID()).type(new JOSEObjectType("secevent+jwt")).build(), claims);
            jwt.sign(new RSASSASigner(k));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException("a security event cannot be signed", ex);
        }
    }
}
