import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites jars with their entries stored, not deflated: the package's own compression (xz for the .deb)
 * then squeezes the classes far better than zip did (4.5 MB less in the .deb), and nothing is inflated at
 * class-loading time. Entry order, names, times and the manifest are kept.
 * Usage: java packaging/jpackage/StoreJars.java JAR...
 */
public class StoreJars {
    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            Path jar = Path.of(arg);
            Path tmp = jar.resolveSibling(jar.getFileName() + ".stored");
            try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(tmp);
                 ZipOutputStream out = new ZipOutputStream(file)) {
                out.setMethod(ZipOutputStream.STORED);
                for (var e = in.entries(); e.hasMoreElements(); ) {
                    ZipEntry src = e.nextElement();
                    byte[] data;
                    try (InputStream s = in.getInputStream(src)) {
                        data = s.readAllBytes();
                    }
                    ZipEntry dst = new ZipEntry(src.getName());
                    dst.setTime(src.getTime());
                    dst.setMethod(ZipEntry.STORED);
                    dst.setSize(data.length);
                    dst.setCompressedSize(data.length);
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    dst.setCrc(crc.getValue());
                    out.putNextEntry(dst);
                    out.write(data);
                    out.closeEntry();
                }
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
