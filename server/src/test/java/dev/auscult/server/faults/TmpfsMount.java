package dev.auscult.server.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own for the full-disk run: a tmpfs of a few megabytes, mounted by the test (as root,
 * or through passwordless sudo) and removed after. Filling it gives the server a real ENOSPC, as a full volume does.
 */
final class TmpfsMount implements AutoCloseable {

    final Path dir;
    private final List<String> sudo;

    private TmpfsMount(Path dir, List<String> sudo) {
        this.dir = dir;
        this.sudo = sudo;
    }

    /** Mounts one, or says why it cannot be done here. */
    static Optional<TmpfsMount> mount(int megabytes, StringBuilder why) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("auscult-full-disk");
        List<String> sudo = "root".equals(System.getProperty("user.name")) ? List.of() : List.of("sudo", "-n");
        String out = run(sudo, List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs", dir.toString()));
        if (out != null) {
            why.append("a tmpfs cannot be mounted here (").append(out.strip()).append(")");
            Files.deleteIfExists(dir);
            return Optional.empty();
        }
        return Optional.of(new TmpfsMount(dir, sudo));
    }

    /** Writes until the file system refuses: what is left for the database is nothing. Returns the filler file. */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler; // ENOSPC: the disk is full
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(sudo, List.of("umount", "-l", dir.toString()));
        Files.deleteIfExists(dir);
    }

    /** Null when the command succeeded, else what it said. */
    private static String run(List<String> prefix, List<String> cmd) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(cmd);
        Process p;
        try {
            p = new ProcessBuilder(all).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return out.isBlank() ? "exit " + p.exitValue() : out;
        }
        return null;
    }
}
