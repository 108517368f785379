package dev.auscult.server;

import dev.auscult.server.store.Failures;
import dev.auscult.server.cli.AdminCommand;
import dev.auscult.server.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code auscult-server [serve]} runs the server; {@code auscult-server admin …} administers it from a shell. */
@Command(name = "auscult-server", mixinStandardHelpOptions = true, version = "Auscult Server 0.1.0", scope = CommandLine.ScopeType.INHERIT,
        description = "The organisation's side of Auscult: activations, policies and device results.",
        subcommands = {ServeCommand.class, AdminCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ServerLogging.install();
        // No command means "serve": one command starts the server with its embedded database.
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        System.exit(commandLine().execute(effective));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof CommandLine.ParameterException p) {
                line.getErr().println("auscult-server: " + dev.auscult.report.TerminalText.oneLine(p.getMessage()));
                return 2;
            }
            String message = switch (ex) {
                case java.nio.file.NoSuchFileException f -> "no such file: " + f.getFile();
                case java.nio.file.AccessDeniedException f -> "cannot read " + f.getFile() + ": permission denied";
                case IllegalArgumentException e -> e.getMessage();
                case java.io.IOException e -> e.getMessage();
                case java.io.UncheckedIOException e -> e.getMessage();
                // the database's own trouble, by its class (never a statement's values)
                default -> Failures.classify(ex) == Failures.Kind.NOT_DATABASE
                        ? ex.toString() : "the database cannot do this now (" + Failures.reason(ex) + ")";
            };
            line.getErr().println("auscult-server: " + dev.auscult.report.TerminalText.oneLine(message));
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
