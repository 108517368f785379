package dev.auscult.server.cli;

import dev.auscult.report.TerminalText;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Every line the admin commands print goes through here: hostnames, OS names, audit details, e-mail addresses
 * and policy names come from devices, people and IdPs, and a control character in one of them could retitle
 * the administrator's terminal, recolour it, or forge a line that looks like a real audit entry. Each value is
 * printed on its own line with control characters shown as {@code \u001b}-style escapes.
 */
final class TerminalOutput extends PrintWriter {

    TerminalOutput(PrintWriter target) {
        super(target, true);
    }

    @Override
    public void print(String s) {
        super.print(TerminalText.oneLine(s));
    }

    @Override
    public void println(String x) {
        super.println(TerminalText.oneLine(x));
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }

    @Override
    public PrintWriter printf(String format, Object... args) {
        return super.printf(format, escaped(args));
    }

    @Override
    public PrintWriter printf(Locale l, String format, Object... args) {
        return super.printf(l, format, escaped(args));
    }

    @Override
    public PrintWriter format(String format, Object... args) {
        return super.format(format, escaped(args));
    }

    private static Object[] escaped(Object[] args) {
        return Arrays.stream(args).map(a -> a instanceof CharSequence || a instanceof java.util.Optional<?> ? TerminalText.oneLine(String.valueOf(a)) : a)
                .toArray();
    }
}
