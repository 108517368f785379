package dev.auscult.app;

import dev.auscult.posture.Phrase;

/** The words of "what is sent" (the window and {@code auscult status --payload}); translations keyed {@code sent.NAME}. */
public enum WhatIsSentPhrase implements Phrase {
    NOT_ACTIVATED("This device is not activated: nothing is sent."),
    ONCE_ACTIVATED_LIKE_THIS("Once it is, each scan goes to the organisation's backend like this\n(made from the latest scan):"),
    ONCE_ACTIVATED_FIRST_SCAN("Once it is, each scan goes to the organisation's backend;\nthe first scan's report will show here."),
    GIVEN_AT_ACTIVATION("(given at activation)"),
    NEW_FOR_EACH_REPORT("(new for each report)"),
    BACKEND("the organisation's backend"),
    JUPITERONE("JupiterOne"),
    LAST_UNREADABLE("To {0} ({1}): the copy of the last payload cannot be read; the next upload replaces it."),
    NOTHING_SENT_YET("To {0} ({1}): nothing sent yet."),
    LAST_SENT("To {0} ({1}), last sent {2}:"),
    NOTHING_WAITING("Waiting to be sent: nothing"),
    REPORTS_WAITING("Reports waiting to be sent: {0}"),
    WAITING_REPORT("  report {0}"),
    NEVER_COLLECTED("Never collected:"),
    NEVER_CONTENTS("the contents of your files, e-mail, messages or documents"),
    NEVER_ACTIVITY("your browsing history, location, camera, microphone, screen or keystrokes"),
    NEVER_SECRETS("your passwords, keys or tokens (the device's own token is sent only as a\n    request header, and is never shown here)"),
    NEVER_APP_LIST("the full list of your applications: only those the policy names are\n    reported, with their versions");

    private final String english;

    WhatIsSentPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "sent." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
