package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Finding;
import dev.auscult.posture.OsPlatform;
import dev.auscult.probe.DeviceProbe;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.Reading;
import dev.auscult.probe.VersionText;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Windows caption, version and build from CIM; SMBIOS UUID, vendor, model and serial; the computer name. */
final class WindowsDeviceProbe implements DeviceProbe {

    private static final String OS = "win32.os";
    private static final String PRODUCT = "win32.computer_product";
    private static final String BIOS = "win32.bios";
    private static final String NAME = "win32.computer_name";

    @Override
    public List<String> sources() {
        return List.of(OS, PRODUCT, BIOS, NAME);
    }

    @Override
    public DeviceFacts describe(Evidence evidence) {
        Reading osReading = evidence.read(OS);
        Optional<JsonNode> os = first(osReading);
        Optional<String> stated = os.flatMap(n -> PowerShellJson.text(n, "Version"));
        Optional<String> version = stated.filter(VersionText::isVersion);
        Optional<String> caption = os.flatMap(n -> PowerShellJson.text(n, "Caption"));
        Finding reason = version.map(v -> Finding.of(WindowsPhrase.OS_VERSION, caption.orElse("Windows"), v))
                .orElseGet(() -> stated.map(v -> Finding.of(CommonPhrase.NOT_A_VERSION, "Win32_OperatingSystem (Version)", v))
                        .orElseGet(() -> osReading.isOk() ? Finding.of(WindowsPhrase.OS_VERSION_UNREADABLE)
                                : Finding.of(WindowsPhrase.OS_VERSION_UNREADABLE_WHY, osReading.problem())));
        Optional<JsonNode> product = first(evidence.read(PRODUCT));
        Optional<String> model = product.map(p -> (PowerShellJson.text(p, "Vendor").orElse("") + " "
                + PowerShellJson.text(p, "Name").orElse("")).strip()).filter(s -> !s.isEmpty());
        return new DeviceFacts(OsPlatform.WIN32, caption, version, os.flatMap(n -> PowerShellJson.text(n, "BuildNumber")),
                Optional.empty(), List.of(),
                product.flatMap(p -> PowerShellJson.text(p, "UUID")),
                evidence.read(NAME).text().map(String::strip).filter(s -> !s.isEmpty()),
                model,
                first(evidence.read(BIOS)).flatMap(b -> PowerShellJson.text(b, "SerialNumber")),
                reason, List.of(OS));
    }

    private static Optional<JsonNode> first(Reading r) {
        if (!(r instanceof Reading.CommandOutput c) || c.exitCode() != 0) {
            return Optional.empty();
        }
        try {
            return PowerShellJson.objects(c.stdout()).stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
