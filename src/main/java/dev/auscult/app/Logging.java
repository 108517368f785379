package dev.auscult.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The tray app's log: three rotating files of 1 MiB in the state directory, one line per record. */
public final class Logging {

    private Logging() {
    }

    public static void toFiles(Path dir) throws IOException {
        dev.auscult.storage.OwnerOnlyFiles.createDirectories(dir);
        FileHandler files = new FileHandler(dir.resolve("auscult-%g.log").toString(), 1 << 20, 3, true);
        for (int i = 0; i < 3; i++) {
            dev.auscult.storage.OwnerOnlyFiles.restrict(dir.resolve("auscult-" + i + ".log"));
        }
        files.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                // The stack trace goes to the file (for support), never to the user's face.
                String thrown = "";
                if (r.getThrown() != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                    thrown = System.lineSeparator() + trace.toString().stripTrailing();
                }
                return String.format("%1$tFT%1$tT.%1$tLZ %2$-7s %3$s: %4$s%5$s%n", r.getMillis(), r.getLevel().getName(),
                        r.getLoggerName().replaceFirst("^dev\\.auscult\\.", ""),
                        dev.auscult.report.TerminalText.safe(formatMessage(r)), thrown);
            }
        });
        Logger root = Logger.getLogger("");
        root.addHandler(files);
        root.setLevel(Level.INFO);
    }

    /** The last lines of the current log, for "Copy debug info". */
    public static List<String> tail(Path dir, int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("auscult-0.log"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }
}
