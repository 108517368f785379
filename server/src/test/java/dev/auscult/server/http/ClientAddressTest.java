package dev.auscult.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whose address counts for the activation attempt limit, behind a reverse proxy or not. */
class ClientAddressTest {

    @Test
    void onlyATrustedProxysForwardedForIsBelieved() {
        List<String> proxy = List.of("10.0.0.5");
        assertEquals("203.0.113.7", ServerApp.clientAddress("10.0.0.5", Optional.of("203.0.113.7"), proxy));
        // a client forging the header ahead of the proxy's own hop does not choose its address
        assertEquals("203.0.113.7", ServerApp.clientAddress("10.0.0.5", Optional.of("198.51.100.1, 203.0.113.7"), proxy));
        assertEquals("198.51.100.9", ServerApp.clientAddress("198.51.100.9", Optional.of("1.2.3.4"), proxy), "not from the proxy: ignored");
        assertEquals("10.0.0.5", ServerApp.clientAddress("10.0.0.5", Optional.empty(), proxy));
        assertEquals("198.51.100.9", ServerApp.clientAddress("198.51.100.9", Optional.of("1.2.3.4"), List.of()), "no proxy configured");
    }
}
