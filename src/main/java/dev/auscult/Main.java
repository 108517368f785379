package dev.auscult;

import dev.auscult.cli.AuscultCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point: the tray app without a command, the command line otherwise. CLI commands never load
 * JavaFX classes, so they never start the toolkit.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (Boolean.getBoolean("auscult.aotTraining") && !isTrayLaunch(args)) {
            System.exit(train(java.util.List.of(args)));
        }
        if (isTrayLaunch(args)) {
            // The toolkit keeps the process alive; TrayApp returns once the app is started.
            int code = dev.auscult.boot.TrayApp.launch(java.util.List.of(args));
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** No command (or only the tray app's own options) starts the tray app; anything else is the CLI. */
    static boolean isTrayLaunch(String[] args) {
        // the packaged CLI launchers (auscult, j1-endpoint-agent) say so; only the Auscult launcher starts the tray
        if (System.getProperty("auscult.launcher") != null || (args.length > 0 && args[0].equals("j1-endpoint-agent"))) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            // the desktop hands the app an auscult:// link the user clicked (x-scheme-handler, Windows URL protocol)
            if (args[i].equals("--start-hidden") || dev.auscult.platform.DeepLink.looksLikeLink(args[i])) {
                continue;
            }
            if ((args[i].equals("--policy") || args[i].equals("--locale")) && i + 1 < args.length) {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }

    /**
     * The package build's training run for the command-line launchers' AOT cache (JDK 25 records the
     * classes and method profiles of one process): each command line — the arguments between {@code ";"}
     * arguments — in turn, in one JVM, output discarded. Returns 0 when every command ran, whatever its verdict.
     */
    static int train(java.util.List<String> args) {
        PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
        int worst = 0;
        java.util.List<String> command = new java.util.ArrayList<>();
        for (String arg : java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of(";")).toList()) {
            if (!arg.equals(";")) {
                command.add(arg);
                continue;
            }
            if (command.isEmpty()) {
                continue;
            }
            int code = run(command.toArray(String[]::new), sink, sink);
            if (code == dev.auscult.cli.ExitCodes.INTERNAL_ERROR || code == dev.auscult.cli.ExitCodes.USAGE) {
                System.err.println("auscult: training command '" + String.join(" ", command) + "' exited with " + code);
                worst = code;
            }
            command.clear();
        }
        return worst;
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        // MDM scripts written for JupiterOne's retired agent call "j1-endpoint-agent activate …": the
        // packaged j1-endpoint-agent launcher passes its name first, and it is simply dropped.
        boolean j1 = "j1-endpoint-agent".equals(System.getProperty("auscult.launcher"));
        if (args.length > 0 && args[0].equals("j1-endpoint-agent")) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
            j1 = true;
        }
        var cl = AuscultCommand.create();
        if (j1) {
            // help and errors use the name the script called ("Usage: j1-endpoint-agent activate …")
            cl.setCommandName("j1-endpoint-agent");
        }
        cl.setOut(out);
        cl.setErr(err);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Never the FAIL exit code (1) for the agent's own trouble: scripts would read it as a verdict.
            err.println("auscult: internal error: " + e);
            code = dev.auscult.cli.ExitCodes.INTERNAL_ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }
}
