package dev.auscult.posture;

/** What the device is, independent of any policy. UNKNOWN means the evidence did not allow an answer. */
public enum State {
    ON, OFF, UNKNOWN
}
