package dev.auscult.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;

/** Files only their owner can read: 0600 where POSIX permissions exist, an owner-only ACL on Windows. */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    static Path createTemp(Path dir, String name) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
        AclFileAttributeView acl = Files.getFileAttributeView(tmp, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = Files.getOwner(tmp);
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
        }
        return tmp;
    }
}
