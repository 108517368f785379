package dev.auscult.probe;

/** A snapshot file that cannot be used, with a message naming the file and what is wrong. */
public final class SnapshotException extends Exception {
    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
