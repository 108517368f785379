package dev.auscult;

import dev.auscult.cli.AuscultCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: the command line. CLI commands never start the JavaFX toolkit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
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
