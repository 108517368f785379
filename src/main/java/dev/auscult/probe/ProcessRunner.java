package dev.auscult.probe;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The one gateway for every program the agent runs (evidence commands, the credential store, notifications,
 * links, launch at login): the program is resolved to an absolute path in the system's own directories
 * ({@link TrustedPrograms}, never the user's PATH); no shell; C locale (so output never depends on the
 * user's language); stdin closed or given; both output streams drained while it runs (a chatty tool
 * cannot block on a full pipe); a timeout after which the process tree is killed; a cap on kept output.
 */
public final class ProcessRunner {

    private static final Pattern DENIED = Pattern.compile(
            "permission denied|access is denied|operation not permitted|must be run as root", Pattern.CASE_INSENSITIVE);
    /** How long to wait for the pipes after the process ended: a forked grandchild may hold them open. */
    private static final Duration DRAIN_GRACE = Duration.ofMillis(500);

    private final Duration timeout;
    private final int maxOutputBytes;
    private final TrustedPrograms programs;

    public ProcessRunner(Duration timeout, int maxOutputBytes) {
        this(timeout, maxOutputBytes, TrustedPrograms.forThisSystem());
    }

    public ProcessRunner(Duration timeout, int maxOutputBytes, TrustedPrograms programs) {
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.programs = programs;
    }

    public Reading run(String sourceId, List<String> argv) {
        return run(sourceId, argv, null);
    }

    /**
     * Starts a program the agent does not wait for (a link handed to the desktop's browser, a notification),
     * resolved like every other; its output is discarded. Returns why not, when it could not be started.
     */
    public java.util.Optional<String> launch(List<String> argv) {
        java.util.Optional<java.nio.file.Path> resolved = programs.resolve(argv.getFirst());
        if (resolved.isEmpty()) {
            return java.util.Optional.of(argv.getFirst() + " is not installed (looked in " + programs.describe() + ")");
        }
        List<String> command = new java.util.ArrayList<>(argv);
        command.set(0, resolved.get().toString());
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null"))).start();
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of(argv.getFirst() + " could not be started: " + e.getMessage());
        }
    }

    /** As {@link #run(String, List)}, writing {@code stdin} to the program (a secret for the keychain, say). */
    public Reading run(String sourceId, List<String> argv, String stdin) {
        String program = argv.getFirst();
        // Resolving is a few stat calls; spawning only to get ENOENT would cost a process.
        java.util.Optional<java.nio.file.Path> resolved = programs.resolve(program);
        if (resolved.isEmpty()) {
            return Reading.Unavailable.of(sourceId, ReadStatus.MISSING, program + " is not installed (looked in " + programs.describe() + ")");
        }
        List<String> command = new java.util.ArrayList<>(argv);
        command.set(0, resolved.get().toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("PATH", programs.searchPath());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return startFailure(sourceId, program, e);
        }
        if (stdin != null) {
            try (java.io.OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the program exited without reading its input; its exit code says what happened
            }
        }
        var stdout = drain(process.getInputStream());
        var stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return Reading.Unavailable.of(sourceId, ReadStatus.TIMEOUT,
                        program + " timed out after " + describe(timeout));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return Reading.Unavailable.of(sourceId, ReadStatus.ERROR, program + " was interrupted");
        }
        Captured out = await(stdout);
        Captured err = await(stderr);
        if (out.truncated || err.truncated) {
            return Reading.Unavailable.of(sourceId, ReadStatus.ERROR,
                    program + " printed more than " + maxOutputBytes + " bytes; output discarded");
        }
        int exit = process.exitValue();
        if (exit != 0 && (exit == 126 || DENIED.matcher(err.text).find())) {
            return new Reading.Unavailable(sourceId, ReadStatus.DENIED, program + " was denied: " + firstLine(err.text),
                    OptionalInt.of(exit), out.text, err.text);
        }
        return new Reading.CommandOutput(sourceId, exit, out.text, err.text, java.util.Optional.of(resolved.get().toString()));
    }

    private Reading startFailure(String sourceId, String program, IOException e) {
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (msg.contains("error=2,") || msg.contains("no such file") || msg.contains("cannot find the file")) {
            return Reading.Unavailable.of(sourceId, ReadStatus.MISSING, program + " is not installed");
        }
        if (msg.contains("error=13,") || msg.contains("permission denied")) {
            return Reading.Unavailable.of(sourceId, ReadStatus.DENIED, program + " may not be run by this user");
        }
        return Reading.Unavailable.of(sourceId, ReadStatus.ERROR, program + " could not be started: " + e.getMessage());
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private record Captured(String text, boolean truncated) {
    }

    private CompletableFuture<Captured> drain(InputStream in) {
        CompletableFuture<Captured> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            boolean truncated = false;
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    int room = maxOutputBytes - kept.size();
                    if (n > room) {
                        truncated = true;
                    }
                    kept.write(buf, 0, Math.max(0, Math.min(n, room)));
                }
            } catch (IOException e) {
                // the pipe closes when the process is killed; what was read so far is all there is
            }
            result.complete(new Captured(kept.toString(StandardCharsets.UTF_8), truncated));
        });
        return result;
    }

    private static Captured await(CompletableFuture<Captured> f) {
        try {
            return f.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return new Captured("", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Captured("", false);
        }
    }

    static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
