package dev.auscult.probe.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** TCP listeners from /proc/net/tcp{,6} (state 0A) or, in older recordings, from {@code ss -Hltn}. */
final class ListeningSockets {

    record Listener(String address, int port, boolean loopback) {
    }

    private ListeningSockets() {
    }

    static List<Listener> fromProc(String table, boolean ipv6) {
        List<Listener> out = new ArrayList<>();
        for (String line : table.split("\r?\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":") || !f[3].equalsIgnoreCase("0A")) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String hexAddr = f[1].substring(0, colon).toUpperCase(Locale.ROOT);
            String hexPort = f[1].substring(colon + 1);
            if (!hexPort.matches("[0-9A-Fa-f]{1,4}")) {
                continue;
            }
            int port = Integer.parseInt(hexPort, 16);
            out.add(new Listener(hexAddr, port, ipv6 ? loopback6(hexAddr) : loopback4(hexAddr)));
        }
        return out;
    }

    /** The kernel prints IPv4 addresses as one little-endian word: 127.x.x.x ends in "7F". */
    private static boolean loopback4(String hex) {
        return hex.length() == 8 && hex.endsWith("7F");
    }

    /** ::1, or ::ffff:127.x.x.x, each 32-bit group little-endian. */
    private static boolean loopback6(String hex) {
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }

    static List<Listener> fromSs(String output) {
        List<Listener> out = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5 || !f[0].equals("LISTEN")) {
                continue;
            }
            String local = f[3];
            int colon = local.lastIndexOf(':');
            if (colon < 0 || !local.substring(colon + 1).matches("\\d{1,5}")) {
                continue;
            }
            String addr = local.substring(0, colon).replace("[", "").replace("]", "");
            boolean loop = addr.startsWith("127.") || addr.equals("::1") || addr.startsWith("::ffff:127.");
            out.add(new Listener(addr, Integer.parseInt(local.substring(colon + 1)), loop));
        }
        return out;
    }
}
