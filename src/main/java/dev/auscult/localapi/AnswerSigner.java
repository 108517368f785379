package dev.auscult.localapi;

import java.util.Optional;

/**
 * Signs what the local API answers, with the device's own key, so a page's server can tell the agent from a program
 * squatting the port: only the agent holds the key the organisation's server registered for this device. The
 * signature covers the exact body, the page's origin and the page's nonce, so an answer can be neither altered,
 * shown to another site, nor replayed.
 */
@FunctionalInterface
public interface AnswerSigner {

    /** A compact JWS over this answer, or empty when the device has no key (not activated, or token only). */
    Optional<String> sign(byte[] body, String origin, Optional<String> nonce);

    /** For a device without a key: answers go unsigned, as Stethoscope's did. */
    static AnswerSigner none() {
        return (body, origin, nonce) -> Optional.empty();
    }
}
