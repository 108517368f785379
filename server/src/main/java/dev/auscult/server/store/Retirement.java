package dev.auscult.server.store;

/** Why an activation code stopped being usable before anyone used it. */
public enum Retirement {
    REPLACED("replaced by a newer code"),
    ACTIVATED("the person activated a device"),
    REVOKED("revoked by an administrator"),
    OFFBOARDED("the person was deactivated");

    private final String words;

    Retirement(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
