package dev.auscult.posture;

/**
 * One way of wording a finding, with {@code {0}}, {@code {1}}… where its arguments go. The English pattern is
 * the report's wording (what the organisation reads, whatever language the laptop speaks); translations are
 * looked up by {@link #key()}. Each area (a platform's probes, the policy) keeps its phrases in its own enum,
 * next to the code that finds them.
 *
 * <p>Patterns hold no plural-dependent words: a count is written as a quantity ("listed packages: 12"), so
 * a phrase is translated once per language, and an apostrophe is just an apostrophe.
 */
public interface Phrase {

    /** The translations' key: the area's prefix and the constant's name, e.g. {@code linux.UFW_RUNNING}. */
    String key();

    String english();
}
