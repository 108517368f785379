package dev.auscult.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several files read as one evidence source (a configuration directory and its main file), kept as one
 * text so a snapshot records and replays it like any other file. Each file is framed by a header that
 * gives its path and its length in characters, so no content can be mistaken for the next header.
 */
public record FileSet(List<Entry> files) {

    public FileSet {
        files = List.copyOf(files);
    }

    /** One file: its absolute path and its text. */
    public record Entry(String path, String content) {
    }

    private static final Pattern HEADER = Pattern.compile("==> (.+) \\((\\d+) chars\\) <==\n");

    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Entry e : files) {
            out.append("==> ").append(e.path()).append(" (").append(e.content().length()).append(" chars) <==\n")
                    .append(e.content()).append('\n');
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text is not an encoded file set (a hand-edited snapshot) */
    public static FileSet decode(String text) {
        List<Entry> files = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            Matcher m = HEADER.matcher(text).region(at, text.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("expected a '==> PATH (N chars) <==' header at character " + at);
            }
            int start = m.end();
            int end = start + Integer.parseInt(m.group(2));
            if (end >= text.length() || text.charAt(end) != '\n') {
                throw new IllegalArgumentException("the content of " + m.group(1) + " is shorter than its header says");
            }
            files.add(new Entry(m.group(1), text.substring(start, end)));
            at = end + 1;
        }
        return new FileSet(files);
    }
}
