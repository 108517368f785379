package dev.auscult.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the managed configuration says about activation: an account, a person and a code, or a CSV of codes. A part
 * of the configuration, apart from {@code app.ManagedActivation} (which acts on it with the agent's services), so the
 * configuration does not reach back into the services made from it.
 */
public record ManagedActivationSettings(Optional<String> account, Optional<String> email, Optional<String> code, Optional<Path> csv) {
}
