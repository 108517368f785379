package dev.auscult.probe;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The directories of a {@code PATH} value: whether a program is installed can be answered by looking,
 * which costs a few stat calls instead of a failed process start.
 */
public record SearchPath(String value) {

    /** The {@code PATH} of an environment; none at all finds nothing. */
    public static SearchPath of(Map<String, String> environment) {
        return new SearchPath(environment.getOrDefault("PATH", ""));
    }

    /** A program named with a directory is checked where it is; a bare name in each directory in turn. */
    public boolean finds(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        for (String dir : value.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
