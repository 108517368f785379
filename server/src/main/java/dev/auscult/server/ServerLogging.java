package dev.auscult.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Structured logs: one JSON object per line on stderr (time, level, logger, message, error), the shape
 * log collectors ingest as is. Services never log tokens, codes or passwords; request lines carry the
 * method, path, status and duration only — never headers or bodies.
 */
public final class ServerLogging {

    /** JUL keeps loggers weakly: a level set on one that is then collected is lost, so these stay referenced. */
    private static final java.util.List<Logger> QUIETED = java.util.List.of(
            Logger.getLogger("org.eclipse.jetty"), Logger.getLogger("com.zaxxer.hikari"), Logger.getLogger("org.flywaydb"),
            Logger.getLogger("io.javalin"));

    private ServerLogging() {
    }

    static void install() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(consoleHandler());
        root.setLevel(Level.INFO);
        QUIETED.forEach(l -> l.setLevel(Level.WARNING));
    }

    /**
     * A line written at shutdown. The JDK's own shutdown hook resets logging (closing and removing the root's
     * handlers) while the server's hook runs, so "stopping" could vanish from the journal; this line gets a handler
     * of its own, in the same format.
     */
    public static void atShutdown(String logger, String message) {
        LogRecord r = new LogRecord(Level.INFO, message);
        r.setLoggerName(logger);
        ConsoleHandler h = consoleHandler();
        h.publish(r);
        h.flush();
    }

    private static ConsoleHandler consoleHandler() {
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.INFO);
        ObjectMapper json = new ObjectMapper();
        console.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                ObjectNode n = json.createObjectNode();
                n.put("time", r.getInstant().toString());
                n.put("level", r.getLevel().getName());
                n.put("logger", r.getLoggerName() == null ? "" : r.getLoggerName().replaceFirst("^dev\\.auscult\\.server\\.", ""));
                n.put("message", formatMessage(r));
                if (r.getThrown() != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                    n.put("error", trace.toString());
                }
                return n.toString() + System.lineSeparator();
            }
        });
        return console;
    }
}
