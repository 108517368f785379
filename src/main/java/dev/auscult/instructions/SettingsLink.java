package dev.auscult.instructions;

import java.util.List;

/** Something that opens the right settings page: a URI for the OS to open, or a program to start. */
public sealed interface SettingsLink {

    SettingsApp app();

    record Uri(SettingsApp app, String uri) implements SettingsLink {
    }

    record Program(SettingsApp app, List<String> argv) implements SettingsLink {
        public Program {
            argv = List.copyOf(argv);
        }
    }
}
