package dev.auscult.probe;

import java.util.List;
import java.util.Optional;

/** How to obtain one evidence source on a live machine (see sources.yaml). */
public sealed interface SourceSpec {

    String id();

    record Command(String id, List<String> argv) implements SourceSpec {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    record PowerShell(String id, String script) implements SourceSpec {
    }

    record File(String id, String path, Optional<String> fallback) implements SourceSpec {
    }

    record Env(String id, String name) implements SourceSpec {
    }

    /**
     * Several files read as one {@link FileSet}: a path ending in {@code /} stands for the regular files
     * directly in that directory, in byte order of their names; the others are single files. Paths that
     * do not exist are left out; the reading is missing only when none exists.
     */
    /** Whether a path exists, without reading it (a binary database whose presence is the evidence). */
    record Exists(String id, String path) implements SourceSpec {
    }

    record Files(String id, List<String> paths) implements SourceSpec {
        public Files {
            paths = List.copyOf(paths);
        }
    }
}
