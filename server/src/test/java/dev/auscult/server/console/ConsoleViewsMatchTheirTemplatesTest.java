package dev.auscult.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A page builds its view as a record the compiler checks, and the template engine takes the values by name: so each
 * view's components must be its template's {@code @param} lines — same names, same order, same types — or a page
 * renders with a value missing or of the wrong type only when someone opens it. Every console template has its view.
 */
class ConsoleViewsMatchTheirTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/jte");
    /** layout.jte wraps the pages (it takes their content); device-step.jte is the sign-in page, one record of its own. */
    private static final Set<String> NOT_PAGES = Set.of("layout.jte", "device-step.jte");

    private static List<Class<?>> views() {
        return new ClassFileImporter().importPackages("dev.auscult.server.console").stream()
                .filter(c -> c.isAssignableTo(ConsoleView.class) && !c.isInterface())
                .map(JavaClass::reflect).<Class<?>>map(c -> c).toList();
    }

    private static String template(Class<?> view) throws ReflectiveOperationException {
        RecordComponent[] parts = view.getRecordComponents();
        Constructor<?> canonical = view.getDeclaredConstructor(Stream.of(parts).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Object[] blanks = Stream.of(parts).map(p -> p.getType() == int.class ? (Object) 0 : p.getType() == long.class ? (Object) 0L
                : p.getType() == boolean.class ? (Object) false : null).toArray();
        return ((ConsoleView) canonical.newInstance(blanks)).template();
    }

    /** A type as a template writes it: no package names, nested types with a dot, no spaces. */
    private static String simple(String type) {
        return type.replace('$', '.').replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replace(" ", "");
    }

    private static Map<String, String> params(Path template) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(template)) {
            if (line.startsWith("@param ")) {
                String decl = line.substring("@param ".length()).replaceFirst("\\s*=.*$", "").strip();
                int space = decl.lastIndexOf(' ');
                out.put(decl.substring(space + 1), simple(decl.substring(0, space)));
            }
        }
        return out;
    }

    @Test
    void eachViewIsItsTemplatesParameters() throws Exception {
        List<Class<?>> views = views();
        assertFalse(views.isEmpty(), "no console views found");
        for (Class<?> view : views) {
            String template = template(view);
            Map<String, String> components = new LinkedHashMap<>();
            for (RecordComponent c : view.getRecordComponents()) {
                components.put(c.getName(), simple(c.getGenericType().getTypeName()));
            }
            assertEquals(params(TEMPLATES.resolve(template)), components, view.getName() + " against " + template);
        }
    }

    @Test
    void everyConsoleTemplateHasItsView() throws Exception {
        Map<String, String> byTemplate = new TreeMap<>();
        for (Class<?> view : views()) {
            byTemplate.put(template(view), view.getSimpleName());
        }
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            assertEquals(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jte") && !NOT_PAGES.contains(n))
                    .collect(Collectors.toCollection(java.util.TreeSet::new)), byTemplate.keySet());
        }
    }
}
