package dev.auscult.probe.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chains of block devices under the root filesystem, from {@code lsblk --json}. util-linux versions
 * differ: older ones print {@code mountpoint}, newer ones {@code mountpoints} (an array), and some print
 * numbers or nulls where others print strings, so every field is read tolerantly.
 */
final class BlockDevices {

    /** One device from the disk down to the device mounted at /, outermost first. */
    record Chain(List<Node> nodes) {
        boolean encrypted() {
            return nodes.stream().anyMatch(Node::crypt);
        }

        String describe() {
            return String.join(" → ", nodes.stream().map(Node::describe).toList());
        }
    }

    record Node(String name, String type, String fstype) {
        boolean crypt() {
            return type.equals("crypt") || fstype.equals("crypto_luks");
        }

        String describe() {
            return name + " (" + type + (fstype.isEmpty() ? "" : ", " + fstype) + ")";
        }
    }

    private BlockDevices() {
    }

    /** Every chain that ends at a device mounted at /; empty when lsblk does not show the root mount. */
    static List<Chain> rootChains(String lsblkJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(lsblkJson);
        if (root == null || !root.path("blockdevices").isArray()) {
            throw new IOException("lsblk output has no blockdevices array");
        }
        List<Chain> chains = new ArrayList<>();
        for (JsonNode dev : root.get("blockdevices")) {
            walk(dev, new ArrayList<>(), chains);
        }
        return chains;
    }

    private static void walk(JsonNode dev, List<Node> path, List<Chain> out) {
        List<Node> here = new ArrayList<>(path);
        here.add(new Node(text(dev, "name"), text(dev, "type").toLowerCase(Locale.ROOT), text(dev, "fstype").toLowerCase(Locale.ROOT)));
        if (mountedAtRoot(dev)) {
            out.add(new Chain(List.copyOf(here)));
        }
        for (JsonNode child : dev.path("children")) {
            walk(child, here, out);
        }
    }

    private static boolean mountedAtRoot(JsonNode dev) {
        if ("/".equals(text(dev, "mountpoint"))) {
            return true;
        }
        for (JsonNode m : dev.path("mountpoints")) {
            if ("/".equals(m.asText(""))) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText("");
    }
}
