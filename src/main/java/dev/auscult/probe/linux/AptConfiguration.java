package dev.auscult.probe.linux;

import dev.auscult.probe.FileSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * APT's configuration merged the way APT merges it, read from its files instead of from
 * {@code apt-config dump} (which costs two processes and most of a scan's time). The order is APT's: the
 * files of {@code /etc/apt/apt.conf.d/} whose names APT accepts, in byte order, then
 * {@code /etc/apt/apt.conf}; a later value wins; {@code #clear} removes a subtree; names are not
 * case-sensitive; {@code //}, {@code #} and {@code /* *}{@code /} comments are skipped.
 *
 * <p>What only APT itself can resolve — {@code #include}, or settings that move APT's own configuration
 * files ({@code Dir}, {@code Dir::Etc}…) — is {@link Unsupported}, and the caller asks {@code apt-config}.
 */
final class AptConfiguration {

    static final String PARTS = "/etc/apt/apt.conf.d/";
    static final String MAIN = "/etc/apt/apt.conf";

    /** APT reads a part only when its name is made of these characters and it has no extension or ".conf". */
    private static final Pattern ACCEPTED_PART = Pattern.compile("[A-Za-z0-9_.-]+");

    /** A value, where it was last set, and its name as written there. */
    record Value(String name, String value, String file, int line) {
    }

    /** The files do not parse; APT itself refuses to run then, so nothing can be concluded. */
    static final class SyntaxError extends Exception {
        SyntaxError(String file, int line, String what) {
            super(file + " line " + line + ": " + what);
        }
    }

    /** A construct this reader leaves to APT. */
    static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what);
        }
    }

    private final Map<String, Value> values = new HashMap<>();
    private final List<String> filesRead = new ArrayList<>();

    private AptConfiguration() {
    }

    static AptConfiguration read(FileSet files) throws SyntaxError, Unsupported {
        return read(files, PARTS);
    }

    /** @param parts the parts directory, ending in '/' (a test points it elsewhere, as APT's Dir::Etc::parts can) */
    static AptConfiguration read(FileSet files, String parts) throws SyntaxError, Unsupported {
        AptConfiguration conf = new AptConfiguration();
        for (FileSet.Entry f : files.files()) {
            if (f.path().startsWith(parts) && !acceptedPart(f.path().substring(parts.length()))) {
                continue;
            }
            conf.filesRead.add(f.path());
            new FileParser(conf, f.path(), f.content()).parse();
        }
        for (String moved : List.of("dir", "dir::etc", "dir::etc::parts", "dir::etc::main")) {
            if (conf.values.containsKey(moved)) {
                throw new Unsupported(conf.values.get(moved).name() + " is set, so APT reads its settings from elsewhere");
            }
        }
        return conf;
    }

    static boolean acceptedPart(String name) {
        if (name.contains("/") || !ACCEPTED_PART.matcher(name).matches()) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 || name.substring(dot + 1).equals("conf");
    }

    Optional<Value> find(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every scalar value, keyed by its lower-case name. */
    Map<String, Value> values() {
        return Map.copyOf(values);
    }

    List<String> filesRead() {
        return List.copyOf(filesRead);
    }

    private void set(String name, String value, String file, int line) {
        values.put(name.toLowerCase(Locale.ROOT), new Value(name, value, file, line));
    }

    private void clear(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        values.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "::"));
    }

    /** One file: tokens are quoted strings, words, braces and semicolons; statements end at ';' or '{'. */
    private static final class FileParser {
        private final AptConfiguration conf;
        private final String file;
        private final String text;
        private int at;
        private int line = 1;
        private final List<String> scope = new ArrayList<>();
        private final List<String> pending = new ArrayList<>();
        private int pendingLine;

        FileParser(AptConfiguration conf, String file, String text) {
            this.conf = conf;
            this.file = file;
            this.text = text;
        }

        void parse() throws SyntaxError, Unsupported {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\n') {
                    line++;
                    at++;
                } else if (Character.isWhitespace(c)) {
                    at++;
                } else if (text.startsWith("//", at)) {
                    skipLine();
                } else if (text.startsWith("/*", at)) {
                    skipBlockComment();
                } else if (c == '#') {
                    directive();
                } else if (c == '"') {
                    token(quoted());
                } else if (c == ';') {
                    at++;
                    statement();
                } else if (c == '{') {
                    at++;
                    open();
                } else if (c == '}') {
                    at++;
                    close();
                } else {
                    token(word());
                }
            }
            if (!pending.isEmpty()) {
                throw new SyntaxError(file, pendingLine, "'" + pending.getFirst() + "' is not ended by ';'");
            }
            if (!scope.isEmpty()) {
                throw new SyntaxError(file, line, "the block '" + String.join("::", scope) + "' is never closed");
            }
        }

        private void token(String t) {
            if (pending.isEmpty()) {
                pendingLine = line;
            }
            pending.add(t);
        }

        private void skipLine() {
            while (at < text.length() && text.charAt(at) != '\n') {
                at++;
            }
        }

        private void skipBlockComment() throws SyntaxError {
            int start = line;
            int end = text.indexOf("*/", at + 2);
            if (end < 0) {
                throw new SyntaxError(file, start, "a /* comment is never closed");
            }
            for (int i = at; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            at = end + 2;
        }

        private void directive() throws SyntaxError, Unsupported {
            if (text.startsWith("#include", at)) {
                throw new Unsupported(file + " line " + line + " uses #include");
            }
            if (!text.startsWith("#clear", at)) {
                skipLine(); // any other '#' starts a comment
                return;
            }
            at += "#clear".length();
            int end = text.indexOf(';', at);
            int eol = text.indexOf('\n', at);
            if (end < 0 || (eol >= 0 && eol < end)) {
                throw new SyntaxError(file, line, "#clear is not ended by ';'");
            }
            for (String name : text.substring(at, end).strip().split("\\s+")) {
                if (!name.isEmpty()) {
                    conf.clear(qualified(name));
                }
            }
            at = end + 1;
        }

        private String quoted() throws SyntaxError {
            int end = at + 1;
            while (end < text.length() && text.charAt(end) != '"') {
                if (text.charAt(end) == '\n') {
                    throw new SyntaxError(file, line, "a quoted value does not end on its line");
                }
                end++;
            }
            if (end >= text.length()) {
                throw new SyntaxError(file, line, "a quoted value is never closed");
            }
            String value = text.substring(at, end + 1);
            at = end + 1;
            return value;
        }

        private String word() {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isWhitespace(c) || c == '"' || c == ';' || c == '{' || c == '}'
                        || text.startsWith("//", at) || text.startsWith("/*", at)) {
                    break;
                }
                at++;
            }
            return text.substring(start, at);
        }

        private void statement() throws SyntaxError {
            switch (pending.size()) {
                case 0 -> {
                    // an empty statement, as in "};"
                }
                case 1 -> {
                    // a list item ("value";) inside a block: lists hold no setting this reader needs
                }
                case 2 -> {
                    if (!pending.getFirst().endsWith("::")) { // "Name:: value;" appends to a list
                        conf.set(qualified(name(pending.getFirst())), unquote(pending.get(1)), file, pendingLine);
                    }
                }
                default -> throw new SyntaxError(file, pendingLine, "unexpected text after the value of '" + pending.getFirst() + "'");
            }
            pending.clear();
        }

        private void open() throws SyntaxError {
            if (pending.isEmpty()) {
                throw new SyntaxError(file, line, "a block starts without a name");
            }
            String name = name(pending.getFirst());
            if (pending.size() == 2) {
                conf.set(qualified(name), unquote(pending.get(1)), file, pendingLine);
            } else if (pending.size() > 2) {
                throw new SyntaxError(file, pendingLine, "unexpected text before the block '" + name + "'");
            }
            scope.add(name);
            pending.clear();
        }

        private void close() throws SyntaxError {
            if (!pending.isEmpty()) {
                statement(); // APT accepts a last statement without its ';' before '}'
            }
            if (scope.isEmpty()) {
                throw new SyntaxError(file, line, "'}' closes no block");
            }
            scope.removeLast();
        }

        private String name(String token) throws SyntaxError {
            if (token.startsWith("\"")) {
                throw new SyntaxError(file, pendingLine, "a setting's name cannot be quoted (" + token + ")");
            }
            return token.endsWith("::") ? token.substring(0, token.length() - 2) : token;
        }

        private String qualified(String name) {
            return scope.isEmpty() ? name : String.join("::", scope) + "::" + name;
        }

        private static String unquote(String token) {
            return token.startsWith("\"") ? token.substring(1, token.length() - 1) : token;
        }
    }
}
