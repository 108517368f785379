package dev.auscult.probe.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        Object root = dev.auscult.probe.PlainTree.read(lsblkJson);
        if (!(root instanceof Map<?, ?> top) || !(top.get("blockdevices") instanceof List<?> devices)) {
            throw new IOException("lsblk output has no blockdevices array");
        }
        List<Chain> chains = new ArrayList<>();
        for (Object dev : devices) {
            if (dev instanceof Map<?, ?> d) {
                walk(d, new ArrayList<>(), chains);
            }
        }
        return chains;
    }

    private static void walk(Map<?, ?> dev, List<Node> path, List<Chain> out) {
        List<Node> here = new ArrayList<>(path);
        here.add(new Node(text(dev, "name"), text(dev, "type").toLowerCase(Locale.ROOT), text(dev, "fstype").toLowerCase(Locale.ROOT)));
        if (mountedAtRoot(dev)) {
            out.add(new Chain(List.copyOf(here)));
        }
        if (dev.get("children") instanceof List<?> children) {
            for (Object child : children) {
                if (child instanceof Map<?, ?> c) {
                    walk(c, here, out);
                }
            }
        }
    }

    private static boolean mountedAtRoot(Map<?, ?> dev) {
        if ("/".equals(text(dev, "mountpoint"))) {
            return true;
        }
        return dev.get("mountpoints") instanceof List<?> mounts && mounts.contains("/");
    }

    /** A field as text: absent, null, or a list or object (a format this reader does not know) read as "". */
    private static String text(Map<?, ?> n, String field) {
        return n.get(field) instanceof String s ? s : "";
    }
}
