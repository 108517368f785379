package dev.auscult.localapi;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Which web origins may ask for the device's posture: exact {@code allowHosts}, or {@code hostLabels}
 * patterns (which also name the requester, "Last scanned by …"), as in Stethoscope's config.yaml. A
 * pattern must match the <em>whole</em> origin (Stethoscope's {@code test} matched anywhere, so
 * {@code sso\.example\.com} admitted {@code https://sso.example.com.evil.net}), runs in linear time
 * (RE2/J), and one that admits origins nobody meant ({@code null}, any https site) is refused.
 */
public record OriginRules(List<String> allowHosts, List<HostLabel> hostLabels) {

    /** Origins no label should ever admit: if a pattern matches one of these, it admits too much. */
    private static final List<String> NOBODY = List.of("null", "", "https://auscult-origin-probe.invalid",
            "http://auscult-origin-probe.invalid:8080", "file://");

    public record HostLabel(Pattern pattern, String name) {

        /** The label, or why the pattern is refused. */
        public static HostLabel of(String regex, String name) throws IllegalArgumentException {
            Pattern p;
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid pattern: " + e.getDescription());
            }
            for (String probe : NOBODY) {
                if (p.matches(probe)) {
                    throw new IllegalArgumentException("it admits too much (it matches " + (probe.isEmpty() ? "an empty origin" : "'" + probe + "'")
                            + "); anchor it to your site, e.g. ^https://sso\\.example\\.com$");
                }
            }
            return new HostLabel(p, name);
        }

        boolean admits(String origin) {
            return pattern.matches(origin);
        }
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
        return hostLabels.stream().filter(h -> h.admits(origin)).map(HostLabel::name).findFirst();
    }
}
