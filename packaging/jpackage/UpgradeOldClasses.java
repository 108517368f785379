import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Raises classes compiled for Java 5 or older (picocli still targets Java 5: class file version 49) to
 * Java 8's class file version, with stack maps computed by the JDK's ClassFile API. The JVM keeps such
 * old classes out of the AOT cache and checks them with its slow inferencing verifier: picocli's 177
 * classes were most of the command line's start-up (installed 'auscult --version' 229 ms; 91 ms with
 * them in the cache, docs/performance.md). The bytecode itself is unchanged; each rewritten class must
 * pass the ClassFile API's verifier, or the jar is left as it was. Other jars are not touched.
 * Usage: java packaging/jpackage/UpgradeOldClasses.java JAR...
 */
public class UpgradeOldClasses {
    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            upgrade(Path.of(arg));
        }
    }

    static void upgrade(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgraded");
        int upgraded = 0;
        List<String> failures = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
             ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            // stack maps merge types, so the jar's own class hierarchy must be known
            ClassFile cf = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS, ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            for (var e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry src = e.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(src)) {
                    data = s.readAllBytes();
                }
                if (src.getName().endsWith(".class") && !src.getName().startsWith("META-INF/")) {
                    ClassModel model = cf.parse(data);
                    if (model.majorVersion() < ClassFile.JAVA_6_VERSION) {
                        byte[] raised = cf.transformClass(model, ClassTransform.dropping(el -> el instanceof ClassFileVersion)
                                .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))
                                .andThen(ClassTransform.endHandler(b -> b.withVersion(ClassFile.JAVA_8_VERSION, 0))));
                        var errors = cf.verify(raised);
                        if (!errors.isEmpty()) {
                            failures.add(src.getName() + ": " + errors.getFirst().getMessage());
                        }
                        data = raised;
                        upgraded++;
                    }
                }
                ZipEntry dst = new ZipEntry(src.getName());
                dst.setTime(src.getTime());
                out.putNextEntry(dst);
                out.write(data);
                out.closeEntry();
            }
        }
        if (upgraded == 0 || !failures.isEmpty()) {
            Files.delete(tmp);
            if (!failures.isEmpty()) {
                System.err.println(jar.getFileName() + ": left as it was, " + failures.size() + " classes would not verify, e.g. " + failures.getFirst());
            }
            return;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println(jar.getFileName() + ": " + upgraded + " classes raised to Java 8's class file version");
    }
}
