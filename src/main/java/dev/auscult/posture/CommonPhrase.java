package dev.auscult.posture;

/** Phrases any area uses: text that is already final, and the agent's own conditions. */
public enum CommonPhrase implements Phrase {
    /** Words that are not ours to translate: a recorded message, a product's own output, a test's text. */
    TEXT("{0}"),
    ITEMS_AND("{0} and {1}"),
    SEPARATED("{0}; {1}"),
    ITEMS_COMMA("{0}, {1}"),
    EXITED_WITH_CODE("{0} exited with code {1}"),
    NOT_A_VERSION("{0} gives \u201c{1}\u201d as the version, which is not a version number"),
    SECONDS("{0} s"),
    MINUTES("{0} min"),
    MINUTES_SECONDS("{0} min {1} s"),
    AGENT_RUNNING("Auscult {0} is running"),
    CANNOT_CHECK_YET("this version of Auscult cannot check {0} on {1} yet"),
    CHECK_FAILED("the check failed unexpectedly: {0}"),
    SCAN_INTERRUPTED("the scan was interrupted"),
    LISTING_APPS_FAILED("listing applications failed unexpectedly: {0}");

    private final String english;

    CommonPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "common." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
