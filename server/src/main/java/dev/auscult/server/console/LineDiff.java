package dev.auscult.server.console;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) between the policy in force and the one being edited. */
public final class LineDiff {

    /** One line: ' ' unchanged, '-' only in the old text, '+' only in the new. */
    public record Line(char kind, String text) {
        public String css() {
            return kind == '+' ? "add" : kind == '-' ? "del" : "same";
        }
    }

    private LineDiff() {
    }

    public static List<Line> of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if ((long) a.length * b.length > 4_000_000L) {
            return List.of(new Line('~', "the policies are too long to compare line by line"));
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Line(' ', a[i++]));
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Line('+', b[j++]));
            } else {
                out.add(new Line('-', a[i++]));
            }
        }
        return out;
    }

    public static boolean changed(List<Line> lines) {
        return lines.stream().anyMatch(l -> l.kind() != ' ');
    }
}
