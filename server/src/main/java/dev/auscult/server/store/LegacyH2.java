package dev.auscult.server.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded H2 database of versions before SQLite became the default: found, never silently ignored. */
public final class LegacyH2 {

    /** H2's file name for the database {@code auscult} in a data directory. */
    public static final String FILE = "auscult.mv.db";

    private LegacyH2() {
    }

    public static boolean present(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(FILE));
    }
}
