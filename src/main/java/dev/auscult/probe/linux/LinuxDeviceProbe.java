package dev.auscult.probe.linux;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Finding;
import dev.auscult.posture.OsPlatform;
import dev.auscult.probe.DeviceProbe;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.Reading;
import dev.auscult.probe.VersionText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** OS name and version from os-release, identity from machine-id and the hostname, model from DMI. */
final class LinuxDeviceProbe implements DeviceProbe {

    static final String OS_RELEASE = "linux.os_release";
    private static final String KERNEL = "linux.kernel_release";
    private static final String HOSTNAME = "linux.hostname";
    private static final String MACHINE_ID = "linux.machine_id";
    private static final String VENDOR = "linux.dmi_sys_vendor";
    private static final String PRODUCT = "linux.dmi_product_name";
    private static final String PRODUCT_VERSION = "linux.dmi_product_version";

    @Override
    public List<String> sources() {
        return List.of(OS_RELEASE, KERNEL, HOSTNAME, MACHINE_ID, VENDOR, PRODUCT, PRODUCT_VERSION);
    }

    @Override
    public DeviceFacts describe(Evidence evidence) {
        Reading osReading = evidence.read(OS_RELEASE);
        OsRelease os = osReading.text().map(OsRelease::parse).orElse(new OsRelease(java.util.Map.of()));
        Optional<String> stated = os.get("VERSION_ID");
        String name = os.get("PRETTY_NAME").or(() -> os.get("NAME")).orElse("This Linux distribution");
        // a rolling release has no version to compare (Tumbleweed's VERSION_ID is a snapshot date), and a value that
        // is not a version (a build template's placeholder) is not taken as one
        boolean rolling = rolling(os);
        Optional<String> version = stated.filter(v -> !rolling && VersionText.isVersion(v));
        Finding reason;
        if (!osReading.isOk()) {
            reason = Finding.of(LinuxPhrase.OS_VERSION_UNREADABLE, osReading.problem());
        } else if (rolling) {
            reason = Finding.of(LinuxPhrase.OS_ROLLING, name);
        } else if (stated.isPresent() && version.isEmpty()) {
            reason = Finding.of(CommonPhrase.NOT_A_VERSION, "os-release (VERSION_ID)", stated.get());
        } else if (version.isEmpty()) {
            reason = Finding.of(LinuxPhrase.OS_NO_VERSION, name);
        } else {
            reason = Finding.of(LinuxPhrase.OS_VERSION, os.get("PRETTY_NAME").or(() -> os.get("NAME")).orElse("Linux"), version.get());
        }
        List<String> evidence1 = new ArrayList<>(List.of(OS_RELEASE));
        Optional<String> machineId = trimmed(evidence, MACHINE_ID).filter(id -> id.matches("[0-9a-fA-F]{32}"));
        return new DeviceFacts(
                OsPlatform.LINUX,
                os.get("NAME"),
                version,
                trimmed(evidence, KERNEL),
                os.get("ID"),
                os.idLike(),
                machineId,
                trimmed(evidence, HOSTNAME),
                model(evidence),
                Optional.empty(),
                reason,
                evidence1,
                os.get("UBUNTU_CODENAME").or(() -> os.get("ID").filter("ubuntu"::equals).flatMap(u -> os.get("VERSION_CODENAME"))));
    }

    /** Distributions released continuously, with no version number: os-release says so (BUILD_ID=rolling) or their ID does. */
    private static final java.util.Set<String> ROLLING = java.util.Set.of("arch", "cachyos", "endeavouros", "artix", "opensuse-tumbleweed",
            "opensuse-slowroll", "gentoo", "void");

    static boolean rolling(OsRelease os) {
        return os.get("BUILD_ID").filter("rolling"::equalsIgnoreCase).isPresent() || os.get("ID").filter(ROLLING::contains).isPresent()
                || os.get("VERSION_ID").filter("rolling"::equalsIgnoreCase).isPresent();
    }

    private static Optional<String> model(Evidence evidence) {
        String joined = Stream.of(VENDOR, PRODUCT, PRODUCT_VERSION)
                .map(id -> trimmed(evidence, id).orElse(""))
                .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("None") && !s.startsWith("To be filled"))
                .distinct()
                .collect(Collectors.joining(" "));
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    private static Optional<String> trimmed(Evidence evidence, String id) {
        return evidence.read(id).text().map(String::strip).filter(s -> !s.isEmpty());
    }
}
