package dev.auscult.probe.win32;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AC and DC indexes of a {@code powercfg /query} setting. Only the 8-digit hexadecimal values are
 * read: the labels around them ("Current AC Power Setting Index") are translated.
 */
final class PowercfgIndexes {

    private static final Pattern INDEX = Pattern.compile("0x([0-9a-fA-F]{8})");

    private PowercfgIndexes() {
    }

    /** The last two indexes printed are the current AC then DC values. */
    static Optional<long[]> acDc(String text) {
        Matcher m = INDEX.matcher(text);
        List<Long> all = new ArrayList<>();
        while (m.find()) {
            all.add(Long.parseLong(m.group(1), 16));
        }
        if (all.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new long[] {all.get(all.size() - 2), all.get(all.size() - 1)});
    }
}
