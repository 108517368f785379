package dev.auscult.policy;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.OsPlatform;
import java.util.Map;
import java.util.Optional;

/**
 * Stethoscope policies write their {@code linux} bracket in Ubuntu's numbering ({@code >=20.04.2}), so it is
 * applied to Ubuntu and to the distributions built on it, compared with the Ubuntu release underneath.
 */
final class UbuntuReleases {

    /** Codename → release, from releases.ubuntu.com; derivatives name their base by codename only. */
    private static final Map<String, String> BY_CODENAME = Map.ofEntries(
            Map.entry("trusty", "14.04"), Map.entry("xenial", "16.04"), Map.entry("bionic", "18.04"),
            Map.entry("cosmic", "18.10"), Map.entry("disco", "19.04"), Map.entry("eoan", "19.10"),
            Map.entry("focal", "20.04"), Map.entry("groovy", "20.10"), Map.entry("hirsute", "21.04"),
            Map.entry("impish", "21.10"), Map.entry("jammy", "22.04"), Map.entry("kinetic", "22.10"),
            Map.entry("lunar", "23.04"), Map.entry("mantic", "23.10"), Map.entry("noble", "24.04"),
            Map.entry("oracular", "24.10"), Map.entry("plucky", "25.04"), Map.entry("questing", "25.10"),
            Map.entry("resolute", "26.04"));

    /**
     * How this device compares with an Ubuntu-numbered bracket: Ubuntu itself with its own version, a
     * derivative with its base release, anything else not at all.
     */
    sealed interface Base {
        record Ubuntu(String version) implements Base { }
        /** A derivative: only the base release is known, not which point release of it. */
        record Derivative(String release, String codename) implements Base { }
        record NotUbuntu() implements Base { }
    }

    private UbuntuReleases() {
    }

    static Base of(DeviceFacts device) {
        if (device.platform() != OsPlatform.LINUX) {
            return new Base.NotUbuntu();
        }
        if (device.osId().filter("ubuntu"::equals).isPresent()) {
            return new Base.Ubuntu(device.osVersion().orElse(""));
        }
        boolean likeUbuntu = device.osIdLike().contains("ubuntu") || device.ubuntuCodename().isPresent();
        if (!likeUbuntu) {
            return new Base.NotUbuntu();
        }
        Optional<String> release = device.ubuntuCodename().map(BY_CODENAME::get);
        if (release.isPresent()) {
            return new Base.Derivative(release.get(), device.ubuntuCodename().get());
        }
        // Some derivatives (Pop!_OS) number their releases as Ubuntu does; without a codename that is all we have.
        return device.osVersion().filter(v -> v.matches("\\d{2}\\.(04|10)(\\.\\d+)?")).<Base>map(Base.Ubuntu::new)
                .orElse(new Base.NotUbuntu());
    }
}
