package dev.auscult.instructions;

import java.util.Map;
import java.util.Optional;

/**
 * What the window says about one practice: a title template (with a passing and failing variant), a
 * description, and Markdown directions per platform.
 */
public record PracticeText(String title, String description, Map<String, String> directions, Optional<String> link) {

    public PracticeText {
        directions = Map.copyOf(directions);
    }
}
