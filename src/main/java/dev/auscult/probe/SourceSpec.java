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
}
