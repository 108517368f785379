package dev.auscult.fix;

import java.util.List;

/**
 * One program a fix runs, with fixed arguments (never a shell line built from input).
 *
 * @param mode {@link Mode#RUN}: must succeed; {@link Mode#COURTESY}: may fail without failing the fix (asking
 *             a running screen locker to reload is a courtesy, the setting itself is what the re-check reads);
 *             {@link Mode#LAUNCH}: started and left running (the OS's updater window)
 */
public record FixStep(List<String> argv, Mode mode) {

    public enum Mode { RUN, COURTESY, LAUNCH }

    public FixStep {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a step runs a program");
        }
    }

    public static FixStep of(String... argv) {
        return new FixStep(List.of(argv), Mode.RUN);
    }

    public static FixStep courtesy(String... argv) {
        return new FixStep(List.of(argv), Mode.COURTESY);
    }

    public static FixStep launch(String... argv) {
        return new FixStep(List.of(argv), Mode.LAUNCH);
    }

    /** The command as a person reads it in the confirmation ("gsettings set … true"). */
    public String shown() {
        StringBuilder out = new StringBuilder();
        for (String a : argv) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            boolean quote = a.isEmpty() || a.chars().anyMatch(c -> c == ' ' || c == '\'' || c == '"' || c == '$' || c == ';');
            out.append(quote ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return out.toString();
    }
}
