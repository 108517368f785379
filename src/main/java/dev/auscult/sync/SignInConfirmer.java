package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a sign-in's device challenge (the {@code auscult://prove} link) with this device: a request signed with
 * the device key, to the server this device is activated with and no other.
 */
public final class SignInConfirmer {

    /** What the server decided for the sign-in: the site, ALLOWED/WARNED/DENIED, and the practices that decided. */
    public record Confirmation(String site, String decision, List<String> practices) {
        public boolean admitted() {
            return !decision.equals("DENIED");
        }
    }

    private final SyncStateStore state;
    private final CredentialStore credentials;
    private final Map<String, String> environment;

    public SignInConfirmer(SyncStateStore state, CredentialStore credentials, Map<String, String> environment) {
        this.state = state;
        this.credentials = credentials;
        this.environment = environment;
    }

    /**
     * Whether a link's server is the one this device reports to (same scheme, host and port). A link naming any other
     * server is refused before anything is sent: anyone can publish a link, and answering it would vouch for a stranger.
     */
    public static boolean sameServer(URI linkServer, URI backend) {
        return linkServer.getScheme() != null && linkServer.getScheme().equalsIgnoreCase(backend.getScheme())
                && linkServer.getHost() != null && linkServer.getHost().equalsIgnoreCase(backend.getHost()) && port(linkServer) == port(backend);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    public Confirmation confirm(ActivationRecord a, String challenge) throws java.io.IOException, BackendException {
        Optional<ApiToken> token = credentials.load(a.accountId());
        if (token.isEmpty()) {
            throw new BackendException(BackendException.Kind.UNAUTHORIZED, "the device's token is missing from " + credentials.description());
        }
        Optional<DeviceKey> key = DeviceKey.load(state.deviceKeyFile());
        if (key.isEmpty()) {
            throw new BackendException(BackendException.Kind.UNAUTHORIZED, "this device has no device key (activated by an older Auscult): activate it again");
        }
        JsonNode data = new BackendClient(a.backend(), Duration.ofSeconds(30), environment).signedBy(key)
                .execute("ConfirmSignIn", Map.of("input", Map.of("deviceId", a.deviceId(), "challenge", challenge)), a.accountId(), token);
        JsonNode c = data.path("confirmSignIn");
        List<String> practices = new ArrayList<>();
        c.path("practices").forEach(p -> practices.add(p.asText()));
        return new Confirmation(c.path("site").asText(""), c.path("decision").asText("DENIED"), List.copyOf(practices));
    }
}
