package dev.auscult.ui.markdown;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;

/**
 * Markdown directions as JavaFX nodes (paragraphs, lists, emphasis, code, links) — no WebView, so no
 * browser engine in memory. Text wraps to the width it is given.
 */
public final class MarkdownView extends VBox {

    private static final Parser PARSER = Parser.builder().build();

    public MarkdownView(String markdown, Consumer<String> linkHandler) {
        setSpacing(6);
        getStyleClass().add("markdown");
        org.commonmark.node.Node doc = PARSER.parse(markdown);
        for (var block = doc.getFirstChild(); block != null; block = block.getNext()) {
            getChildren().add(block(block, linkHandler));
        }
    }

    private static Node block(org.commonmark.node.Node block, Consumer<String> links) {
        return switch (block) {
            case Heading h -> {
                TextFlow flow = inline(h, links);
                flow.getStyleClass().add("md-heading");
                yield flow;
            }
            case BulletList list -> list(list, links, false, 1);
            case OrderedList list -> list(list, links, true, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
            case HtmlBlock html -> new TextFlow(new Text(html.getLiteral().replaceAll("<[^>]+>", "").strip()));
            default -> inline(block, links);
        };
    }

    private static VBox list(org.commonmark.node.Node list, Consumer<String> links, boolean ordered, int start) {
        VBox box = new VBox(3);
        int n = start;
        for (var item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(ordered ? (n++) + "." : "•");
            marker.setMinWidth(22);
            VBox content = new VBox(3);
            for (var child = item.getFirstChild(); child != null; child = child.getNext()) {
                content.getChildren().add(block(child, links));
            }
            HBox row = new HBox(4, marker, content);
            HBox.setHgrow(content, javafx.scene.layout.Priority.ALWAYS);
            box.getChildren().add(row);
        }
        return box;
    }

    private static TextFlow inline(org.commonmark.node.Node parent, Consumer<String> links) {
        TextFlow flow = new TextFlow();
        parent.accept(new AbstractVisitor() {
            private String style = "";

            @Override
            public void visit(org.commonmark.node.Text text) {
                Text t = new Text(text.getLiteral());
                t.getStyleClass().add("md-text");
                if (!style.isEmpty()) {
                    t.getStyleClass().add(style);
                }
                flow.getChildren().add(t);
            }

            @Override
            public void visit(StrongEmphasis e) {
                nested("md-strong", e);
            }

            @Override
            public void visit(Emphasis e) {
                nested("md-em", e);
            }

            private void nested(String s, org.commonmark.node.Node n) {
                String before = style;
                style = s;
                visitChildren(n);
                style = before;
            }

            @Override
            public void visit(Code code) {
                Text t = new Text(code.getLiteral());
                t.getStyleClass().addAll("md-text", "md-code");
                flow.getChildren().add(t);
            }

            @Override
            public void visit(Link link) {
                StringBuilder label = new StringBuilder();
                link.accept(new AbstractVisitor() {
                    @Override
                    public void visit(org.commonmark.node.Text text) {
                        label.append(text.getLiteral());
                    }
                });
                Hyperlink h = new Hyperlink(label.toString());
                h.getStyleClass().add("md-link");
                h.setOnAction(e -> links.accept(link.getDestination()));
                flow.getChildren().add(h);
            }

            @Override
            public void visit(SoftLineBreak br) {
                flow.getChildren().add(new Text(" "));
            }

            @Override
            public void visit(HardLineBreak br) {
                flow.getChildren().add(new Text("\n"));
            }

            @Override
            public void visit(HtmlInline html) {
                // Stethoscope put <a class="btn"> buttons in directions; the window has its own buttons.
            }
        });
        return flow;
    }
}
