package dev.auscult.server.store;

import java.time.Instant;

/**
 * One answer a device gave to a sign-in (a sign-in answered again after a fix keeps each), with the relying party's
 * name when it is still registered ({@code site}) — the console's list of decisions.
 */
public record SignInDecision(String signInId, String site, String deviceId, String ownerEmail, Instant decidedAt, String decision, String practices) {
}
