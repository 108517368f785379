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
        if (isTrayLaunch(args)) {
            // The toolkit keeps the process alive; UiLauncher returns once the app is started.
            int code = dev.auscult.ui.UiLauncher.launch(java.util.List.of(args));
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
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--start-hidden")) {
                continue;
            }
            if (args[i].equals("--policy") && i + 1 < args.length) {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        var cl = AuscultCommand.create();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
