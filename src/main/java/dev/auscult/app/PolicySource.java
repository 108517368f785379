package dev.auscult.app;

import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import java.nio.file.Path;

/** Where the policy of the next scan comes from. Read for every scan, so an edited file takes effect. */
@FunctionalInterface
public interface PolicySource {

    record Choice(Policy policy, PolicyRef ref) {
    }

    Choice current() throws PolicyException;

    static PolicySource bundled(PolicyLoader loader) {
        Policy p = loader.bundled();
        Choice c = new Choice(p, new PolicyRef("bundled default", p.name(), p.warnings()));
        return () -> c;
    }

    /**
     * The backend's policy once an activated device has received one (it is what the organisation
     * set), otherwise the fallback (a policy file or the bundled default).
     */
    static PolicySource preferBackend(dev.auscult.sync.PolicySync sync, PolicySource fallback) {
        return () -> {
            var backend = sync.cached();
            if (backend.isPresent()) {
                Policy p = backend.get().policy();
                return new Choice(p, new PolicyRef("backend", p.name() + " (version " + backend.get().version() + ")", p.warnings()));
            }
            return fallback.current();
        };
    }

    public static PolicySource file(PolicyLoader loader, Path file) {
        return () -> {
            Policy p = loader.load(file);
            return new Choice(p, new PolicyRef("file:" + file.toAbsolutePath().normalize(), p.name(), p.warnings()));
        };
    }
}
