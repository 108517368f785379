package dev.auscult.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code auscult-server admin …} run in-process as an operator types it, against one database (and a configuration, when given). */
record AdminCli(List<String> connection) {

    /** What a command printed and the exit code it gave. */
    record Run(int code, String out, String err) {
    }

    static AdminCli on(String databaseUrl, String... moreOptions) {
        List<String> c = new ArrayList<>(List.of("--database", databaseUrl));
        c.addAll(Arrays.asList(moreOptions));
        return new AdminCli(List.copyOf(c));
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(Arrays.asList(args));
        all.addAll(connection);
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }
}
