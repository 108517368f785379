package dev.auscult.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the agent's programs may come from: the operating system's own directories, never the user's
 * {@code PATH}. A user (or malware running as the user) who puts a fake {@code systemctl} or
 * {@code fdesetup} first on {@code PATH} must not be able to make a non-compliant device look compliant,
 * nor a fake {@code secret-tool} receive the device's token.
 */
public record TrustedPrograms(List<Path> directories) {

    public TrustedPrograms {
        directories = List.copyOf(directories);
    }

    public static TrustedPrograms forThisSystem() {
        return forSystem(System.getProperty("os.name", ""), System.getenv());
    }

    static TrustedPrograms forSystem(String osName, Map<String, String> env) {
        if (osName.startsWith("Windows")) {
            Path root = Path.of(env.getOrDefault("SystemRoot", "C:\\Windows"));
            return new TrustedPrograms(List.of(root.resolve("System32"), root.resolve("System32\\WindowsPowerShell\\v1.0"),
                    root.resolve("System32\\wbem")));
        }
        if (osName.startsWith("Mac")) {
            return new TrustedPrograms(List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin"),
                    Path.of("/usr/libexec")));
        }
        return new TrustedPrograms(List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin")));
    }

    /** The program's absolute path: a name is looked up in the trusted directories only, in order. */
    public Optional<Path> resolve(String program) {
        Path given = Path.of(program);
        if (given.isAbsolute()) {
            return Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
        }
        for (Path dir : directories) {
            for (String name : List.of(program, program + ".exe")) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The PATH the programs themselves get (apt-config runs dpkg, for example): the same directories. */
    public String searchPath() {
        return String.join(java.io.File.pathSeparator, directories.stream().map(Path::toString).toList());
    }

    public String describe() {
        return String.join(", ", directories.stream().map(Path::toString).toList());
    }
}
