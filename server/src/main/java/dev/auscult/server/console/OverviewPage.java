package dev.auscult.server.console;

import dev.auscult.server.service.Fleet;
import java.time.Duration;
import java.util.List;

/** The fleet at a glance: compliance, what fails most, the trend, agent versions, sign-ins denied this week. */
public final class OverviewPage {

    public record View(Nav nav, Fleet.Overview o, List<Charts.Bar> failing, List<Charts.Bar> versions, List<Charts.Point> trend, String trendLine,
                       int holdsOnYourName, long deniedSignIns) implements ConsoleView {
        @Override
        public String template() {
            return "overview.jte";
        }
    }

    public void register(PageRoutes routes) {
        routes.get("/console", OverviewPage::show);
    }

    private static void show(ConsoleRequest r) {
        var s = r.services();
        Fleet.Overview o = s.fleet().overview(r.account());
        List<Charts.Point> trend = Charts.trend(o.trend());
        r.render(new View(r.nav("overview"), o, Charts.failingByPractice(o.failingByPractice()), Charts.counts(o.agentVersions(), ""), trend,
                Charts.polyline(trend), s.admins().holdsSinceLastSignIn(r.account(), r.session().username()),
                s.signIns().counts(r.account(), s.clock().instant().minus(Duration.ofDays(7))).getOrDefault("DENIED", 0)));
    }
}
