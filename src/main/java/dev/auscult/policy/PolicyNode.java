package dev.auscult.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed policy document that remembers where each value stood, so validation errors can name the
 * line and column. Built from Jackson's streaming parser, which reads YAML and JSON alike.
 */
sealed interface PolicyNode {

    int line();

    int column();

    String kind();

    record MapNode(int line, int column, Map<String, PolicyNode> entries) implements PolicyNode {
        public String kind() {
            return "a mapping";
        }
    }

    record ListNode(int line, int column, List<PolicyNode> items) implements PolicyNode {
        public String kind() {
            return "a list";
        }
    }

    /** A string, number, boolean or null; {@code text} is its text form, {@code quoted} whether it was a string. */
    record Scalar(int line, int column, String text, JsonToken token) implements PolicyNode {
        public String kind() {
            return switch (token) {
                case VALUE_NULL -> "empty";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                default -> "a string";
            };
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /** Thrown for a duplicate key, which YAML and JSON parsers otherwise resolve silently. */
    final class DuplicateKey extends IOException {
        final int line;
        final int column;

        DuplicateKey(String key, JsonLocation at) {
            super("key '" + key + "' appears twice");
            this.line = at.getLineNr();
            this.column = at.getColumnNr();
        }
    }

    /** Thrown for a construct a policy may not use (a YAML alias, absurd nesting), with its position. */
    final class Refused extends IOException {
        final int line;
        final int column;

        Refused(String message, JsonLocation at) {
            super(message);
            this.line = at.getLineNr();
            this.column = at.getColumnNr();
        }
    }

    /** Policies are a few levels deep; anything deeper is an attack on the reader, not a policy. */
    int MAX_DEPTH = 32;

    static PolicyNode read(JsonParser p) throws IOException {
        return read(p, 0);
    }

    private static PolicyNode read(JsonParser p, int depth) throws IOException {
        JsonToken t = p.currentToken();
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        if (depth > MAX_DEPTH) {
            throw new Refused("nested more than " + MAX_DEPTH + " levels deep", at);
        }
        if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
            // The streaming YAML reader would hand over the anchor's name as if it were the value.
            throw new Refused("YAML aliases (*" + p.getText() + ") are not supported in policies; write the value out", at);
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, PolicyNode> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    p.nextToken();
                    if (entries.containsKey(key)) {
                        throw new DuplicateKey(key, keyAt);
                    }
                    entries.put(key, read(p, depth + 1));
                }
                return new MapNode(line, col, entries);
            }
            case START_ARRAY -> {
                List<PolicyNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, depth + 1));
                }
                return new ListNode(line, col, items);
            }
            default -> {
                return new Scalar(line, col, t == JsonToken.VALUE_NULL ? "" : p.getText(), t);
            }
        }
    }
}
