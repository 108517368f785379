package dev.auscult.fix;

import dev.auscult.probe.ProcessRunner;
import dev.auscult.probe.Reading;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Runs a fix's programs, in order, through the one process gateway ({@link ProcessRunner}: programs from the
 * system's own directories, no shell, output capped, a timeout long enough for a password prompt).
 */
public final class FixRunner {

    private static final System.Logger LOG = System.getLogger(FixRunner.class.getName());

    private final ProcessRunner processes;

    public FixRunner(ProcessRunner processes) {
        this.processes = processes;
    }

    public FixRun run(FixPlan plan) {
        for (FixStep step : plan.steps()) {
            if (step.mode() == FixStep.Mode.LAUNCH) {
                var problem = processes.launch(step.argv());
                if (problem.isPresent()) {
                    return new FixRun.Failed(step.shown(), problem.get(), false);
                }
                continue;
            }
            Reading r = processes.run("fix." + plan.id(), step.argv());
            String problem = switch (r) {
                case Reading.CommandOutput out when out.exitCode() == 0 -> null;
                case Reading.CommandOutput out -> step.argv().getFirst() + " exited with code " + out.exitCode()
                        + firstLine(out.stderr().isBlank() ? out.stdout() : out.stderr());
                case Reading.Unavailable u -> u.message();
                default -> step.argv().getFirst() + " gave an unexpected answer";
            };
            if (problem == null) {
                continue;
            }
            if (step.mode() == FixStep.Mode.COURTESY) {
                LOG.log(Level.INFO, "fix {0}: optional step did not succeed: {1}", plan.id(), problem);
                continue;
            }
            return new FixRun.Failed(step.shown(), problem, declined(plan.elevation(), r));
        }
        return new FixRun.Ran();
    }

    /** The password prompt was cancelled: pkexec exits 126, osascript reports error -128, UAC "canceled by the user". */
    static boolean declined(Elevation elevation, Reading r) {
        if (!(r instanceof Reading.CommandOutput out)) {
            return r instanceof Reading.Unavailable u && elevation == Elevation.POLKIT && u.exitCode().orElse(0) == 126;
        }
        String err = out.stderr().toLowerCase(Locale.ROOT);
        return switch (elevation) {
            case POLKIT -> out.exitCode() == 126;
            case MAC_ADMINISTRATOR -> err.contains("-128") || err.contains("user canceled");
            case WINDOWS_UAC -> err.contains("canceled by the user") || err.contains("cancelled by the user");
            case NONE -> false;
        };
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
}
