package dev.auscult.cli;

import dev.auscult.app.AgentVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code auscult} command line. */
@Command(name = "auscult",
        mixinStandardHelpOptions = true,
        versionProvider = AuscultCommand.Version.class,
        description = "Checks this device's security posture against a Stethoscope-compatible policy.",
        subcommands = {ScanCommand.class, ActivateCommand.class, StatusCommand.class, SyncCommand.class, ProveCommand.class, FixCommand.class, ExportCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:PASS (or nothing evaluated)",
                "1:at least one practice FAILs",
                "2:usage error",
                "3:NUDGE: something is recommended",
                "4:UNKNOWN: something could not be checked",
                "5:the policy or snapshot file is invalid",
                "70:internal error"})
public final class AuscultCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--locale", paramLabel = "TAG", scope = CommandLine.ScopeType.INHERIT,
            description = "The language of the table and messages: en, de, fr, es, ja or pt-BR. Default: the terminal's (LANG).")
    private String locale;

    /** The words of any command, in the language asked for on the command line (wherever --locale was put). */
    static CliText text(CommandLine.Model.CommandSpec anyCommand) {
        return CliText.forLanguage(java.util.Optional.ofNullable(((AuscultCommand) anyCommand.root().userObject()).locale));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"auscult " + AgentVersion.current()};
        }
    }

    /** Builds the command line with Auscult's exit-code conventions. */
    public static CommandLine create() {
        CommandLine cl = new CommandLine(new AuscultCommand());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("auscult: internal error: " + ex);
            return ExitCodes.INTERNAL_ERROR;
        });
        cl.setExitCodeExceptionMapper(ex -> ExitCodes.USAGE);
        return cl;
    }
}
