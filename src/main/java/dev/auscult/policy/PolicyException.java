package dev.auscult.policy;

import java.util.List;

/** A policy that cannot be used. Each problem names the file, line:column and key. */
public final class PolicyException extends Exception {

    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super(problems.size() == 1 ? problems.getFirst()
                : problems.size() + " problems in the policy:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
