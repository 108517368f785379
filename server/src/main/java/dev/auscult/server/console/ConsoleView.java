package dev.auscult.server.console;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one console page shows, as a record whose components are its jte template's parameters — same names, same
 * types ({@code ConsoleViewsMatchTheirTemplatesTest} holds each record to its template's {@code @param} lines). A page
 * builds its view with the compiler checking every value; the template engine receives them by name.
 */
public interface ConsoleView {

    /** The jte template, e.g. {@code audit.jte}. */
    String template();

    /** The record's components by name: the template's parameters. */
    default Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : getClass().getRecordComponents()) {
            try {
                out.put(c.getName(), c.getAccessor().invoke(this));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("a console view is a public record: " + getClass().getName(), e);
            }
        }
        return out;
    }
}
