package dev.auscult.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the managed configuration really comes from an administrator. It can activate the device and
 * choose its backend, so — as sshd's StrictModes does — it and every directory above it must be owned by
 * root (or, on macOS, root/admin group ownership is not enough: the owner must be root) and writable by
 * nobody else. On Windows, %ProgramData%\Auscult is created by the installer with administrators-only
 * write access; its ACLs are not re-checked here.
 */
@FunctionalInterface
public interface ManagedFileTrust {

    /** Why the file must not be trusted, or empty when it may be. */
    Optional<String> problem(Path file);

    static ManagedFileTrust forThisSystem() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return file -> Optional.empty();
        }
        return ManagedFileTrust::posixProblem;
    }

    /** Trusts any file: for tests that drop a managed configuration in a temporary directory. */
    static ManagedFileTrust anyOwner() {
        return file -> Optional.empty();
    }

    /**
     * Both chains must hold: the path as named (the links and the directories holding them: whoever can write
     * there can re-point a link) and the real path the links lead to (whoever can write in any directory above
     * the real file can replace it). A world-writable directory is acceptable only with its sticky bit set, read
     * from its mode: then no one but the owner may replace the root-owned entries in it.
     */
    private static Optional<String> posixProblem(Path file) {
        try {
            Path named = file.toAbsolutePath().normalize();
            Optional<String> problem = chainProblem(named);
            if (problem.isPresent()) {
                return problem;
            }
            Path real = named.toRealPath();
            return real.equals(named) ? Optional.empty() : chainProblem(real).map(p -> p + " (the file is reached through " + named + ")");
        } catch (IOException e) {
            return Optional.of("its ownership could not be checked (" + e.getMessage() + ")");
        }
    }

    /** The first entry from the path up to / that is not root's alone, read without following links. */
    private static Optional<String> chainProblem(Path path) throws IOException {
        for (Path p = path; p != null; p = p.getParent()) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                continue; // a link's own mode means nothing; its directory (checked next) decides who can re-point it
            }
            if (!a.owner().getName().equals("root")) {
                return Optional.of(p + " is owned by " + a.owner().getName() + ", not root (anyone could have written it)");
            }
            Set<PosixFilePermission> perms = a.permissions();
            boolean sticky = a.isDirectory() && sticky(p);
            if (!sticky && (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    && !a.group().getName().equals("root") && !a.group().getName().equals("wheel") && !a.group().getName().equals("admin"))) {
                return Optional.of(p + " is writable by users other than root");
            }
        }
        return Optional.empty();
    }

    /** S_ISVTX, read from the mode (not from the directory's name): in such a directory only an entry's owner may delete or rename it. */
    private static boolean sticky(Path dir) throws IOException {
        return (((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 01000) != 0;
    }
}
