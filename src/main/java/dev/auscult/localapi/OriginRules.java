package dev.auscult.localapi;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which web origins may ask for the device's posture: exact {@code allowHosts}, or {@code hostLabels}
 * patterns (which also name the requester, "Last scanned by …"), as in Stethoscope's config.yaml.
 */
public record OriginRules(List<String> allowHosts, List<HostLabel> hostLabels) {

    public record HostLabel(Pattern pattern, String name) {
    }

    public OriginRules {
        allowHosts = List.copyOf(allowHosts);
        hostLabels = List.copyOf(hostLabels);
    }

    public boolean isEmpty() {
        return allowHosts.isEmpty() && hostLabels.isEmpty();
    }

    public boolean allows(String origin) {
        return allowHosts.contains(origin) || label(origin).isPresent();
    }

    public Optional<String> label(String origin) {
        return hostLabels.stream().filter(h -> h.pattern().matcher(origin).find()).map(HostLabel::name).findFirst();
    }
}
