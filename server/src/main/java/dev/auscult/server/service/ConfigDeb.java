package dev.auscult.server.service;

import dev.auscult.server.store.Account;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A Debian package of the organisation's managed configuration: /etc/auscult/config.yaml (a conffile, so an admin's
 * local edit survives an upgrade, as dpkg promises) and, when chosen, the activation CSV — owned by root, writable by
 * root only, which the agent requires of a managed file. It depends on the agent package and never contains it.
 */
final class ConfigDeb {

    private ConfigDeb() {
    }

    static String fileName(Account account, String version) {
        return RolloutKit.packageName(account) + "_" + version + "_all.deb";
    }

    static byte[] build(Account account, String organisation, String version, byte[] config, Optional<byte[]> csv) {
        String name = RolloutKit.packageName(account);
        String control = "Package: " + name + "\n"
                + "Version: " + version + "\n"
                + "Architecture: all\n"
                + "Maintainer: " + organisation.replaceAll("[\\p{Cntrl}<>]", " ").strip() + " IT <root@localhost>\n"
                + "Depends: auscult\n"
                + "Section: admin\n"
                + "Priority: optional\n"
                + "Description: Auscult managed configuration for account " + account.id().toLowerCase(Locale.ROOT) + "\n"
                + " Points the Auscult agent at the organisation's server and, when included, lets each\n"
                + " person's agent activate itself at their next login. Made by Auscult Server.\n";
        ByteArrayOutputStream deb = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(deb)) {
            add(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            add(ar, "control.tar.gz", tarGz(new Entry[] {
                    new Entry("./", null, 0755),
                    new Entry("./control", control.getBytes(StandardCharsets.UTF_8), 0644),
                    new Entry("./conffiles", "/etc/auscult/config.yaml\n".getBytes(StandardCharsets.UTF_8), 0644)}));
            add(ar, "data.tar.gz", tarGz(csv.isPresent() ? new Entry[] {
                    new Entry("./", null, 0755), new Entry("./etc/", null, 0755), new Entry("./etc/auscult/", null, 0755),
                    new Entry("./etc/auscult/config.yaml", config, 0644),
                    new Entry("./etc/auscult/activation-codes.csv", csv.get(), 0644)}
                    : new Entry[] {new Entry("./", null, 0755), new Entry("./etc/", null, 0755), new Entry("./etc/auscult/", null, 0755),
                    new Entry("./etc/auscult/config.yaml", config, 0644)}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deb.toByteArray();
    }

    private record Entry(String path, byte[] content, int mode) {
    }

    private static void add(ArArchiveOutputStream ar, String name, byte[] content) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, content.length, 0, 0, 0100644, System.currentTimeMillis() / 1000));
        ar.write(content);
        ar.closeArchiveEntry();
    }

    private static byte[] tarGz(Entry[] entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (Entry e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.path(), e.content() == null ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL);
                t.setMode((e.content() == null ? 040000 : 0100000) | e.mode());
                t.setUserId(0);
                t.setGroupId(0);
                t.setUserName("root");
                t.setGroupName("root");
                t.setModTime(System.currentTimeMillis());
                if (e.content() != null) {
                    t.setSize(e.content().length);
                }
                tar.putArchiveEntry(t);
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
