package dev.auscult.probe.darwin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** macOS name, version and build from sw_vers; identity and model from system_profiler; name from scutil. */
final class MacDeviceProbe implements DeviceProbe {

    private static final String SW_VERS = "darwin.sw_vers";
    private static final String HARDWARE = "darwin.hardware";
    private static final String NAME = "darwin.computer_name";

    @Override
    public List<String> sources() {
        return List.of(SW_VERS, HARDWARE, NAME);
    }

    @Override
    public DeviceFacts describe(Evidence evidence) {
        Reading r = evidence.read(SW_VERS);
        SwVers sw = r instanceof Reading.CommandOutput c && c.exitCode() == 0 ? SwVers.parse(c.stdout())
                : new SwVers(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Optional<String> version = sw.productVersion().filter(VersionText::isVersion);
        Finding reason = version
                .map(v -> Finding.of(MacPhrase.OS_VERSION, sw.productName().orElse("macOS"),
                        v + sw.productVersionExtra().map(x -> " " + x).orElse("") + sw.buildVersion().map(b -> " (" + b + ")").orElse("")))
                .orElseGet(() -> sw.productVersion().map(v -> Finding.of(CommonPhrase.NOT_A_VERSION, "sw_vers (ProductVersion)", v))
                        .orElseGet(() -> Finding.of(MacPhrase.OS_VERSION_UNREADABLE, r.isOk() ? Finding.of(MacPhrase.SW_VERS_NO_VERSION) : r.problem())));
        JsonNode hw = hardware(evidence.read(HARDWARE));
        return new DeviceFacts(OsPlatform.DARWIN, sw.productName(), version, sw.buildVersion(), Optional.empty(),
                List.of(), text(hw, "platform_UUID"),
                evidence.read(NAME).text().map(String::strip).filter(s -> !s.isEmpty()),
                text(hw, "machine_model"), text(hw, "serial_number"), reason, List.of(SW_VERS));
    }

    private static JsonNode hardware(Reading r) {
        if (r instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            try {
                return new ObjectMapper().readTree(c.stdout()).path("SPHardwareDataType").path(0);
            } catch (IOException e) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Optional<String> text(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).map(JsonNode::asText).filter(s -> !s.isBlank());
    }
}
