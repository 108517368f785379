package dev.auscult.server.console;

import dev.auscult.server.service.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Chart geometry for the overview, computed here so that the templates only draw (inline SVG, no script). */
public final class Charts {

    /** One horizontal bar: label, count, length in percent of the longest, and the filtered list it links to. */
    public record Bar(String label, int count, int percent, String link) {
    }

    /** One point of the trend line, in the 600×160 drawing. */
    public record Point(int x, int y, String label) {
    }

    private Charts() {
    }

    public static List<Bar> failingByPractice(Map<String, Integer> failing) {
        int max = failing.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Bar> out = new ArrayList<>();
        failing.forEach((practice, n) -> out.add(new Bar(practice, n, Math.max(2, 100 * n / max),
                "/console/devices?practice=" + practice + "&verdict=FAIL")));
        return out;
    }

    public static List<Bar> counts(Map<String, Integer> counts, String filterKey) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Bar> out = new ArrayList<>();
        counts.forEach((label, n) -> out.add(new Bar(label, n, Math.max(2, 100 * n / max),
                filterKey.isEmpty() || label.equals("NONE") ? "" : "/console/devices?" + filterKey + "=" + label)));
        return out;
    }

    /** 30 days left to right; y is the compliant share (0 % at the bottom). Days without reports are skipped. */
    public static List<Point> trend(List<Fleet.DayShare> days) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Fleet.DayShare d = days.get(i);
            if (d.reporting() > 0) {
                out.add(new Point(40 + i * 540 / Math.max(1, days.size() - 1), 140 - (int) Math.round(d.share() * 120),
                        d.day() + ": " + Math.round(d.share() * 100) + " % of " + d.reporting() + " compliant"));
            }
        }
        return out;
    }

    public static String polyline(List<Point> points) {
        StringBuilder sb = new StringBuilder();
        points.forEach(p -> sb.append(p.x()).append(',').append(p.y()).append(' '));
        return sb.toString().strip();
    }
}
