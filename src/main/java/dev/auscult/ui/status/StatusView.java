package dev.auscult.ui.status;

import dev.auscult.app.AgentState;
import dev.auscult.instructions.Instructions;
import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.ui.LinkOpener;
import dev.auscult.ui.UiText;
import dev.auscult.ui.VerdictIcons;
import dev.auscult.ui.markdown.MarkdownView;
import java.time.Instant;
import java.time.format.FormatStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The status window's content: a header coloured by the overall verdict, the practices grouped worst
 * first (each a collapsible row with directions), and a footer with the last scan time and Rescan.
 * It only displays state and sends intents; it never scans.
 */
public final class StatusView extends BorderPane {

    private final Instructions instructions;
    private final String desktop;
    private final Runnable onRescan;
    private final LinkOpener opener;
    private final Label deviceName = new Label();
    private final Label summary = new Label();
    private final Label policy = new Label();
    private final Label problem = new Label();
    private final Label notice = new Label();
    private final Label remoteScan = new Label();
    private Optional<String> remoteScanner = Optional.empty();
    private Optional<Instant> remoteScanAt = Optional.empty();
    private final FontIcon headerIcon = new FontIcon();
    private final VBox header;
    private final VBox rowsBox = new VBox(8);
    private final Label lastScanned = new Label();
    private final javafx.scene.control.Hyperlink whatIsSent = new javafx.scene.control.Hyperlink();
    private final javafx.scene.control.Hyperlink exportEvidence = new javafx.scene.control.Hyperlink();
    private final ProgressIndicator spinner = new ProgressIndicator();
    /** "Acme IT checks this device's security settings", with the organisation's logo (managed config only). */
    private final Label orgLine = new Label();
    private final Label supportContact = new Label();
    /** The organisation as the window names it: its own name, or "your organisation" in the display language. */
    private String who;
    private final Button rescan;
    private final Set<PracticeId> expanded = EnumSet.noneOf(PracticeId.class);
    /** Whether the user opened the "settings are fine" group; kept across rescans like the rows' own state. */
    private boolean fineExpanded;
    /** Practices that passed for the first time in the latest scan: shown on top as fixed before joining the fine list. */
    private Set<PracticeId> justFixed = EnumSet.noneOf(PracticeId.class);

    /** Makes a one-click fix (the tray app's {@code FixService}, off the FX thread); completes with how it went. */
    public interface FixActions {
        java.util.concurrent.CompletableFuture<dev.auscult.posture.FixRecord> fix(PracticeId practice);
    }

    private Optional<FixActions> fixer = Optional.empty();
    private java.util.Map<PracticeId, dev.auscult.fix.FixPlan> fixOffers = java.util.Map.of();
    /** Rows whose Fix was clicked and now show what it will do, waiting for "Fix now". */
    private final Set<PracticeId> confirming = EnumSet.noneOf(PracticeId.class);
    private final Set<PracticeId> fixing = EnumSet.noneOf(PracticeId.class);
    /** How each fix made from this window went, or why it could not run, shown on its row. */
    private final java.util.Map<PracticeId, FixNote> fixNotes = new java.util.EnumMap<>(PracticeId.class);

    private record FixNote(String text, boolean problem) {
    }
    private final ScrollPane scroll;
    private Optional<ScanReport> shown = Optional.empty();
    private AgentState state = AgentState.initial();
    private final UiText text;

    public StatusView(Instructions instructions, String desktop, Runnable onRescan, LinkOpener opener) {
        this(instructions, desktop, onRescan, opener, UiText.ENGLISH);
    }

    /** @param text the window's own words in the display language (the instructions bring the practices' texts) */
    public StatusView(Instructions instructions, String desktop, Runnable onRescan, LinkOpener opener, UiText text) {
        this.text = text;
        this.who = text.get("view.yourOrganisation");
        whatIsSent.setText(text.get("view.whatIsSent"));
        exportEvidence.setText(text.get("view.exportEvidence"));
        this.instructions = instructions;
        this.desktop = desktop;
        this.onRescan = onRescan;
        this.opener = opener;
        getStyleClass().add("status-view");

        deviceName.setId("device-name");
        deviceName.getStyleClass().add("title-3");
        summary.setId("summary");
        summary.setWrapText(true);
        policy.setId("policy-name");
        policy.setWrapText(true);
        policy.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        policy.getStyleClass().add("text-muted");
        problem.setId("problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("problem-banner");
        problem.setManaged(false);
        problem.setVisible(false);
        headerIcon.setIconSize(40);
        headerIcon.getStyleClass().add("header-icon");
        VBox texts = new VBox(4, deviceName, summary, policy);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox top = new HBox(14, headerIcon, texts);
        top.setAlignment(Pos.CENTER_LEFT);
        notice.setId("notice");
        notice.setWrapText(true);
        notice.getStyleClass().add("problem-banner");
        notice.setManaged(false);
        notice.setVisible(false);
        orgLine.setId("org-line");
        orgLine.getStyleClass().add("org-line");
        orgLine.setManaged(false);
        orgLine.setVisible(false);
        header = new VBox(8, orgLine, top, problem, notice);
        header.setId("header");
        header.getStyleClass().add("status-header");
        header.setPadding(new Insets(18, 18, 16, 18));
        setTop(header);

        rowsBox.setId("practices");
        rowsBox.setPadding(new Insets(12, 14, 12, 14));
        scroll = new ScrollPane(rowsBox);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);

        lastScanned.setId("last-scanned");
        lastScanned.getStyleClass().add("text-muted");
        spinner.setId("scanning");
        spinner.setPrefSize(18, 18);
        spinner.setVisible(false);
        FontIcon refresh = new FontIcon(MaterialDesignR.REFRESH);
        rescan = new Button(instructions.string("rescanButton", "Rescan"), refresh);
        rescan.setId("rescan");
        rescan.setDefaultButton(false);
        rescan.setOnAction(e -> onRescan.run());
        // The labels shrink and wrap; the button keeps its size, so long texts never clip it.
        lastScanned.setWrapText(true);
        lastScanned.setMinWidth(0);
        remoteScan.setId("remote-scan");
        remoteScan.getStyleClass().add("text-muted");
        remoteScan.setWrapText(true);
        remoteScan.setMinWidth(0);
        remoteScan.setManaged(false);
        remoteScan.setVisible(false);
        whatIsSent.setId("what-is-sent");
        whatIsSent.getStyleClass().add("text-small");
        whatIsSent.setManaged(false);
        whatIsSent.setVisible(false);
        exportEvidence.setId("export-evidence");
        exportEvidence.getStyleClass().add("text-small");
        exportEvidence.setManaged(false);
        exportEvidence.setVisible(false);
        supportContact.setId("support-contact");
        supportContact.getStyleClass().add("text-small");
        supportContact.setWrapText(true);
        supportContact.setManaged(false);
        supportContact.setVisible(false);
        for (javafx.scene.control.Labeled l : List.of(whatIsSent, exportEvidence)) {
            // large text and long languages wrap the footer's links instead of cutting them off
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        VBox times = new VBox(2, lastScanned, remoteScan, whatIsSent, exportEvidence, supportContact);
        times.setMinWidth(0);
        HBox.setHgrow(times, Priority.ALWAYS);
        times.setMaxWidth(Double.MAX_VALUE);
        rescan.setMinWidth(Region.USE_PREF_SIZE);
        HBox footer = new HBox(10, times, spinner, rescan);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(10, 14, 12, 14));
        footer.getStyleClass().add("status-footer");
        setBottom(footer);
        update(AgentState.initial(), Instant.now());
    }

    /** Shows a new state; call on the FX thread. */
    public void update(AgentState newState, Instant now) {
        this.state = newState;
        this.renderedAt = now;
        spinner.setVisible(newState.scanning());
        rescan.setDisable(newState.scanning());
        newState.problem().ifPresentOrElse(p -> {
            problem.setText(switch (p) {
                case dev.auscult.app.ScanProblem.PolicyUnusable u -> text.get("problem.policyUnusable", u.detail());
                case dev.auscult.app.ScanProblem.ScanFailed f -> text.get("problem.scanFailed", f.detail());
            });
            problem.setManaged(true);
            problem.setVisible(true);
        }, () -> {
            problem.setManaged(false);
            problem.setVisible(false);
        });
        if (newState.report().isEmpty()) {
            setHeader(Optional.empty(), text.get(newState.scanning() ? "view.checking" : "view.noScanYet"));
            lastScanned.setText(text.get(newState.scanning() ? "view.scanning" : "view.notScannedYet"));
            return;
        }
        ScanReport report = newState.report().get();
        if (shown.isEmpty() || shown.get() != report) {
            boolean first = shown.isEmpty();
            justFixed = shown.map(previous -> fixedSince(previous, report)).orElse(EnumSet.noneOf(PracticeId.class));
            shown = Optional.of(report);
            rebuildRows(report, first);
        }
        Optional<Verdict> status = report.status();
        setHeader(status, headline(status));
        deviceName.setText(report.device().deviceName().orElse(report.device().osName().orElse(text.get("view.thisDevice"))));
        List<String> ignored = report.policy().warnings();
        policy.setText((instructions.organization().isEmpty() ? report.policy().name()
                : report.policy().name() + " · " + instructions.string("policyDescription", "security policy"))
                + (ignored.isEmpty() ? "" : " · " + text.get("view.policyIgnored", ignored.size())));
        // The admin's view of what was ignored (file:line:column: key: why) — the user only needs the count.
        policy.setTooltip(ignored.isEmpty() ? null : new javafx.scene.control.Tooltip(String.join("\n", ignored)));
        refreshTime(now);
    }

    /** A notice that is not about the scan itself (the web check-in service could not start). */
    /** A notice above the results: a problem (red) or information (the organisation activated this device). */
    public record Notice(String text, boolean problem) {
    }

    public void setNotice(Optional<Notice> shown) {
        notice.setText(shown.map(Notice::text).orElse(""));
        notice.getStyleClass().removeAll("problem-banner", "info-banner");
        notice.getStyleClass().add(shown.map(Notice::problem).orElse(true) ? "problem-banner" : "info-banner");
        notice.setManaged(shown.isPresent());
        notice.setVisible(shown.isPresent());
    }

    /** Offers the "What is sent" view from the footer (the tray app sets it; tests and previews may not). */
    public void onWhatIsSent(Runnable open) {
        whatIsSent.setOnAction(e -> open.run());
        whatIsSent.setManaged(true);
        whatIsSent.setVisible(true);
    }

    /**
     * The organisation's look: its name and logo above the device, its accent colour for buttons and links,
     * and where to get help in the footer. Without any, the window stays Auscult's own.
     */
    public void setBranding(dev.auscult.config.Branding branding) {
        who = branding.name().orElse(text.get("view.yourOrganisation"));
        boolean named = branding.name().isPresent() || branding.logo().isPresent();
        orgLine.setText(branding.name().map(n -> text.get("view.orgChecks", n)).orElse(""));
        orgLine.setGraphic(branding.logo().map(p -> {
            javafx.scene.image.ImageView logo = new javafx.scene.image.ImageView(new javafx.scene.image.Image(p.toUri().toString(), 0, 28, true, true));
            logo.setAccessibleText(text.get("view.logo", who));
            return (javafx.scene.Node) logo;
        }).orElse(null));
        orgLine.setManaged(named);
        orgLine.setVisible(named);
        setStyle(dev.auscult.ui.Theme.accentStyle(branding));
        supportContact.setText(branding.supportContact().map(c -> text.get("view.helpFrom", who, c)).orElse(""));
        supportContact.setManaged(branding.supportContact().isPresent());
        supportContact.setVisible(branding.supportContact().isPresent());
        whatIsSent.setText(branding.name().map(n -> text.get("view.whatIsSentTo", n)).orElse(text.get("view.whatIsSent")));
    }

    /** Offers the evidence export from the footer (the tray app sets it). */
    public void onExportEvidence(Runnable open) {
        exportEvidence.setOnAction(e -> open.run());
        exportEvidence.setManaged(true);
        exportEvidence.setVisible(true);
    }

    /** Offers a Fix button on the rows that have a fix (the tray app sets it; previews and tests may not). */
    public void onFix(FixActions actions) {
        fixer = Optional.of(actions);
        redraw();
    }

    /** The fixes on offer for the report shown, worked out off the FX thread. */
    public void setFixOffers(java.util.Map<PracticeId, dev.auscult.fix.FixPlan> offers) {
        if (!offers.equals(fixOffers)) {
            fixOffers = java.util.Map.copyOf(offers);
            redraw();
        }
    }

    private void redraw() {
        shown.ifPresent(r -> rebuildRows(r, false));
    }

    /** A web page asked for this device's posture: the footer says who ("Last scanned by …"). */
    public void remoteScanBy(String requester, Instant now) {
        remoteScanner = Optional.of(requester);
        remoteScanAt = Optional.of(now);
        remoteScan.setManaged(true);
        remoteScan.setVisible(true);
        refreshTime(now);
    }

    /** Updates "Last scanned … ago" without rebuilding anything. */
    public void refreshTime(Instant now) {
        if (state.scanning()) {
            lastScanned.setText(text.get("view.scanning"));
            return;
        }
        remoteScanner.ifPresent(by -> remoteScan.setText(text.get("view.lastScannedBy", by,
                remoteScanAt.map(t -> RelativeTime.since(t, now, text)).orElse("")) + " "));
        shown.ifPresent(r -> lastScanned.setText(instructions.string("lastScan", "Last scanned") + " "
                + r.scannedAt().map(t -> RelativeTime.since(t, now, text)).orElse("")
                + r.durationMillis().stream().mapToObj(d -> " (" + RelativeTime.duration(d) + ")").findFirst().orElse("")));
    }

    /** Opens (and scrolls to) one practice's row, e.g. from a notification. */
    public void reveal(PracticeId practice) {
        expanded.add(practice);
        rowsBox.lookupAll("#practice-" + practice.key()).forEach(n -> {
            ((TitledPane) n).setExpanded(true);
            scrollTo(n);
        });
    }

    /** Scrolls so that the node's top is in view (once layout has placed it). */
    private void scrollTo(Node node) {
        javafx.application.Platform.runLater(() -> {
            rowsBox.layout();
            double contentHeight = rowsBox.getBoundsInLocal().getHeight();
            double viewport = scroll.getViewportBounds().getHeight();
            if (contentHeight <= viewport) {
                return;
            }
            double y = node.getBoundsInParent().getMinY();
            scroll.setVvalue(Math.min(1, Math.max(0, y / (contentHeight - viewport))));
        });
    }

    private String headline(Optional<Verdict> status) {
        return status.map(v -> switch (v) {
            case PASS -> instructions.string("ok", "Everything checked is in order.");
            case NUDGE -> instructions.string("warning", "Some settings could be safer.");
            case UNKNOWN -> instructions.string("unknown", "Some settings could not be checked.");
            case FAIL -> instructions.string("critical", "Some settings need your attention.");
        }).orElse(text.get("view.nothingChecked"));
    }

    private void setHeader(Optional<Verdict> status, String summaryText) {
        header.getStyleClass().removeIf(c -> c.startsWith("verdict-") || c.equals("header-none"));
        header.getStyleClass().add(status.map(VerdictIcons::styleClass).orElse("header-none"));
        headerIcon.setIconCode(status.map(VerdictIcons::glyph).orElse(MaterialDesignR.REFRESH));
        headerIcon.setAccessibleText(status.map(v -> VerdictIcons.label(v, text)).orElse(text.get("view.notScanned")));
        summary.setText(summaryText);
    }

    /** What did not pass before and passes now: the user's fix worked, and they should see that it did. */
    static Set<PracticeId> fixedSince(ScanReport previous, ScanReport now) {
        Set<PracticeId> fixed = EnumSet.noneOf(PracticeId.class);
        java.util.Map<PracticeId, Verdict> before = new java.util.EnumMap<>(PracticeId.class);
        previous.practices().forEach(p -> p.verdict().ifPresent(v -> before.put(p.observation().practice(), v)));
        for (var p : now.practices()) {
            PracticeId id = p.observation().practice();
            if (p.verdict().orElse(null) == Verdict.PASS && before.containsKey(id) && before.get(id) != Verdict.PASS) {
                fixed.add(id);
            }
        }
        return fixed;
    }

    private void rebuildRows(ScanReport report, boolean firstTime) {
        List<PracticeRowModel> rows = StatusRows.rows(report, instructions, desktop, text);
        if (firstTime) {
            StatusRows.firstToExpand(rows).ifPresent(r -> expanded.add(r.practice()));
        }
        rowsBox.getChildren().clear();
        String group = null;
        // What passes (and what does not apply) folds into one line: the window is about what needs doing.
        VBox fine = new VBox(8);
        fine.setId("fine-rows");
        List<PracticeRowModel> fixed = rows.stream().filter(r -> r.verdict() == Verdict.PASS && justFixed.contains(r.practice())).toList();
        if (!fixed.isEmpty()) {
            Label heading = new Label(text.get("view.fixedJustNow", fixed.size()));
            heading.setId("fixed-heading");
            heading.getStyleClass().addAll("group-heading", VerdictIcons.styleClass(Verdict.PASS));
            heading.setAccessibleRole(AccessibleRole.TEXT);
            rowsBox.getChildren().add(heading);
            fixed.forEach(r -> rowsBox.getChildren().add(row(r)));
        }
        for (PracticeRowModel row : rows) {
            if (fixed.contains(row)) {
                continue;
            }
            if (row.verdict() == Verdict.PASS) {
                fine.getChildren().add(row(row));
                continue;
            }
            if (!StatusRows.group(row, text).equals(group)) {
                group = StatusRows.group(row, text);
                String key = group;
                long count = rows.stream().filter(r -> r.verdict() != Verdict.PASS && StatusRows.group(r, text).equals(key)).count();
                Label heading = new Label(text.get("view.groupHeading", group, count));
                heading.getStyleClass().addAll("group-heading", VerdictIcons.styleClass(row.verdict()));
                heading.setAccessibleRole(AccessibleRole.TEXT);
                rowsBox.getChildren().add(heading);
            }
            rowsBox.getChildren().add(row(row));
        }
        List<String> notApplicable = StatusRows.notApplicable(report, text);
        if (!notApplicable.isEmpty()) {
            Label na = new Label(text.get("view.notApplicableTo", report.device().platform().displayName(), String.join(", ", notApplicable)));
            na.setId("not-applicable");
            na.setWrapText(true);
            na.getStyleClass().add("text-muted");
            fine.getChildren().add(na);
        }
        long passing = rows.stream().filter(r -> r.verdict() == Verdict.PASS).count() - fixed.size();
        if (!fine.getChildren().isEmpty()) {
            String label = passing == 0 ? "" : text.get("view.fine", passing);
            if (!notApplicable.isEmpty()) {
                label = (label.isEmpty() ? "" : label + " · ") + text.get("view.notApplicableCount", notApplicable.size());
            }
            TitledPane finePane = new TitledPane(label, fine);
            finePane.setId("fine-group");
            finePane.getStyleClass().add("fine-group");
            finePane.setGraphic(VerdictIcons.icon(Verdict.PASS, 16, text));
            finePane.setAnimated(false);
            // with nothing to do, the fine list is the whole story: show it
            finePane.setExpanded(fineExpanded || rows.stream().allMatch(r -> r.verdict() == Verdict.PASS));
            finePane.expandedProperty().addListener((obs, was, now) -> fineExpanded = now);
            finePane.setAccessibleText(label);
            rowsBox.getChildren().add(finePane);
        }
        if (rows.isEmpty() && notApplicable.isEmpty()) {
            rowsBox.getChildren().add(new Label(text.get("view.nothingChecked")));
        }
    }

    /** The time the rows are drawn for: a deadline says "fix by" until then and "was due" after. */
    private Instant renderedAt = Instant.now();

    /** What an opened row says: the finding, the policy, the fix; built when the row is first opened. */
    private VBox body(PracticeRowModel m, Instant drawnAt) {
        VBox body = new VBox(10);
        body.getStyleClass().add("practice-body");
        if (!m.description().isEmpty()) {
            body.getChildren().add(wrapped(m.description(), "practice-description"));
        }
        if (m.deadline().isPresent()) {
            // the date first: it is what the user must plan around
            String day = dev.auscult.app.DueDates.day(m.deadline().get(), java.time.ZoneId.systemDefault(), text.locale(), FormatStyle.FULL);
            Label due = wrapped(m.deadline().get().passed(drawnAt) ? text.get("view.wasDue", day) : text.get("view.fixByGrace", day, who),
                    "practice-due");
            due.setId("due-" + m.practice().key());
            body.getChildren().add(due);
        }
        Label found = wrapped(text.get(m.verdict() == Verdict.UNKNOWN ? "view.why" : "view.found", text.finding(m.finding())), "practice-finding");
        found.setId("finding-" + m.practice().key());
        body.getChildren().add(found);
        m.requirement().ifPresent(req -> body.getChildren().add(wrapped(text.get("view.policy", req), "text-muted")));
        if (!m.details().isEmpty()) {
            body.getChildren().add(details(m.details()));
        }
        for (ApplicationResult app : m.applications()) {
            HBox line = new HBox(6, VerdictIcons.icon(app.verdict(), 14, text), wrapped(text.finding(app.finding()), "app-line"));
            line.setAlignment(Pos.TOP_LEFT);
            body.getChildren().add(line);
        }
        fixBox(m).ifPresent(body.getChildren()::add);
        m.settings().filter(s -> m.verdict() != Verdict.PASS).ifPresent(link -> {
            Button open = new Button(text.get("settings.open", text.get("settings.app." + link.app().key())), new FontIcon(MaterialDesignO.OPEN_IN_NEW));
            open.setId("open-settings-" + m.practice().key());
            open.getStyleClass().add("accent");
            open.setOnAction(e -> opener.open(link));
            body.getChildren().add(open);
        });
        if (m.verdict() != Verdict.PASS && !m.directions().isEmpty()) {
            Label how = new Label(text.get("view.howToFix"));
            how.getStyleClass().add("section-title");
            body.getChildren().addAll(how, new MarkdownView(m.directions(), opener::openUri));
        }
        if (!m.evidence().isEmpty()) {
            Label ev = wrapped(String.join(", ", m.evidence()), "evidence-list");
            TitledPane evidence = new TitledPane(text.get("view.evidence"), ev);
            evidence.setId("evidence-" + m.practice().key());
            evidence.setExpanded(false);
            evidence.getStyleClass().add("evidence");
            body.getChildren().add(evidence);
        }
        return body;
    }

    /**
     * The row's fix: a button, then (after the click) what it will do and the exact commands with "Fix now" and
     * "Cancel", then progress, then how it went. Nothing runs before "Fix now".
     */
    private Optional<Node> fixBox(PracticeRowModel m) {
        if (offered(m).isEmpty() && !fixNotes.containsKey(m.practice())) {
            return Optional.empty();
        }
        VBox box = new VBox(8);
        box.setId("fix-box-" + m.practice().key());
        box.getStyleClass().add("fix-box");
        fill(box, m);
        return Optional.of(box);
    }

    private Optional<dev.auscult.fix.FixPlan> offered(PracticeRowModel m) {
        return fixer.isPresent() && m.verdict() != Verdict.PASS ? Optional.ofNullable(fixOffers.get(m.practice())) : Optional.empty();
    }

    /** (Re)fills the row's fix box in place, so the row stays where the person is looking. */
    private void fill(VBox box, PracticeRowModel m) {
        PracticeId id = m.practice();
        Optional<dev.auscult.fix.FixPlan> plan = offered(m);
        box.getChildren().clear();
        FixNote note = fixNotes.get(id);
        if (note != null) {
            Label said = wrapped(note.text(), note.problem() ? "fix-problem" : "fix-done");
            said.setId("fix-note-" + id.key());
            box.getChildren().add(said);
        }
        if (plan.isEmpty()) {
            return;
        }
        if (fixing.contains(id)) {
            javafx.scene.control.ProgressIndicator busy = new javafx.scene.control.ProgressIndicator();
            busy.setPrefSize(18, 18);
            HBox line = new HBox(8, busy, wrapped(text.get("fix.running"), "text-muted"));
            line.setId("fix-running-" + id.key());
            line.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(line);
        } else if (confirming.contains(id)) {
            Label what = wrapped(text.get("fix.willDo", text.finding(plan.get().what())) + " " + text.finding(plan.get().note()), "fix-what");
            what.setId("fix-what-" + id.key());
            Label commands = wrapped(String.join("\n", plan.get().commands()), "fix-commands");
            commands.setId("fix-commands-" + id.key());
            Button run = new Button(text.get("fix.run"));
            run.setId("fix-run-" + id.key());
            run.getStyleClass().add("accent");
            run.setOnAction(e -> startFix(box, m));
            Button cancel = new Button(text.get("fix.cancel"));
            cancel.setId("fix-cancel-" + id.key());
            cancel.setOnAction(e -> {
                confirming.remove(id);
                fill(box, m);
            });
            HBox buttons = new HBox(8, run, cancel);
            box.getChildren().addAll(what, new Label(text.get("fix.commands")), commands, buttons);
            javafx.application.Platform.runLater(run::requestFocus);
        } else {
            Button fix = new Button(text.get("fix.button"), new FontIcon(MaterialDesignW.WRENCH));
            fix.setId("fix-" + id.key());
            fix.getStyleClass().add("accent");
            fix.setAccessibleText(text.get("fix.button") + ": " + m.title());
            fix.setOnAction(e -> {
                confirming.add(id);
                fixNotes.remove(id);
                fill(box, m);
            });
            box.getChildren().add(fix);
        }
    }

    private void startFix(VBox box, PracticeRowModel m) {
        PracticeId id = m.practice();
        confirming.remove(id);
        fixing.add(id);
        fill(box, m);
        fixer.orElseThrow().fix(id).whenComplete((record, failure) -> javafx.application.Platform.runLater(() -> {
            fixing.remove(id);
            fixNotes.put(id, failure != null ? new FixNote(text.get("fix.failed", rootMessage(failure)), true) : noteFor(record));
            redraw();
            reveal(id);
        }));
    }

    private FixNote noteFor(dev.auscult.posture.FixRecord r) {
        // what the re-check found is the row's own finding, above, in the person's language
        return switch (r.outcome()) {
            case FIXED -> new FixNote(text.get("fix.done"), false);
            case OPENED -> new FixNote(text.get("fix.opened"), false);
            case NOT_FIXED -> new FixNote(text.get("fix.notFixed"), true);
            case DECLINED -> new FixNote(text.get("fix.declined"), true);
            case FAILED -> new FixNote(text.get("fix.failed", r.problem().orElse("")), true);
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private TitledPane row(PracticeRowModel m) {
        Instant drawnAt = renderedAt;
        // A row's body is built when it is first opened: most rows stay closed, and their nodes (a rendered
        // Markdown guide, evidence, buttons) were most of the window's start-up and memory (docs/performance.md).
        TitledPane pane = new TitledPane();
        pane.setId("practice-" + m.practice().key());
        // The title is a wrapping label, not the pane's own text: a long (or translated) title would
        // otherwise set the pane's minimum width and push every row past the window's edge.
        Label title = new Label(m.deadline().isEmpty() ? m.title() : text.get(m.deadline().get().passed(drawnAt) ? "view.titleWasDue" : "view.titleFixBy",
                m.title(), dev.auscult.app.DueDates.day(m.deadline().get(), java.time.ZoneId.systemDefault(), text.locale(), FormatStyle.MEDIUM)));
        title.setWrapText(true);
        title.setMinWidth(0);
        // as many lines as the words need (large text, long languages), never an ellipsis
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        title.getStyleClass().add("practice-title");
        HBox heading = new HBox(8, VerdictIcons.icon(m.verdict(), 18, text), title);
        heading.setAlignment(Pos.CENTER_LEFT);
        heading.setMinWidth(0);
        title.maxWidthProperty().bind(pane.widthProperty().subtract(80));
        pane.setGraphic(heading);
        pane.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        pane.setMinWidth(0);
        pane.getStyleClass().addAll("practice-row", VerdictIcons.styleClass(m.verdict()));
        pane.setAccessibleText(VerdictIcons.label(m.verdict(), text) + ": " + m.title());
        pane.setAnimated(false);
        if (expanded.contains(m.practice())) {
            pane.setContent(body(m, drawnAt));
        }
        pane.setExpanded(expanded.contains(m.practice())); // a TitledPane starts open
        pane.expandedProperty().addListener((obs, was, now) -> {
            if (now) {
                if (pane.getContent() == null) {
                    pane.setContent(body(m, drawnAt));
                }
                expanded.add(m.practice());
                scrollTo(pane);
            } else {
                expanded.remove(m.practice());
            }
        });
        pane.setMaxWidth(Double.MAX_VALUE);
        return pane;
    }

    private static Node details(Map<String, String> details) {
        GridPane grid = new GridPane(12, 2);
        grid.getStyleClass().add("practice-details");
        int row = 0;
        for (var e : details.entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("text-muted");
            grid.addRow(row++, k, wrapped(e.getValue(), "detail-value"));
        }
        return grid;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
