package dev.auscult;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real CLI entry point in-process, capturing its output. */
public final class MainRunner {

    public record Run(int code, String out, String err) {
    }

    private MainRunner() {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
