package dev.auscult.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON (or YAML) document read into plain maps, lists and strings through Jackson's streaming parser.
 * The scan path uses this instead of Jackson's object mapper, whose ~440 classes were a fifth of a cold
 * scan's start-up; a scalar of any type arrives as its text, null as null.
 */
public final class PlainTree {

    private PlainTree() {
    }

    /** Reads the whole of {@code text}; an empty document is an error. */
    public static Object read(JsonFactory factory, String text) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IOException("the document is empty");
            }
            return value(p);
        }
    }

    public static Object read(String json) throws IOException {
        return read(new JsonFactory(), json);
    }

    /** The value at the parser's current token. */
    public static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                m.put(name, value(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(value(p));
            }
            return l;
        }
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }
}
