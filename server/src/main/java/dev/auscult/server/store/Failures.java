package dev.auscult.server.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a failure from the database means for whoever asked: the client's input (answer a contract error),
 * a duplicate key, or the server's own trouble — which is never a refusal: the caller answers 503 with
 * Retry-After and the agent keeps its report. Anything not classified as the client's is ours.
 */
public final class Failures {

    public enum Kind {
        /** The input cannot be stored as given (PostgreSQL class 22: a NUL byte, a value too long). */
        CLIENT_INPUT,
        /** A unique key already holds the value (PostgreSQL 23505, SQLite's PRIMARY KEY / UNIQUE constraint). */
        DUPLICATE,
        /** The database cannot do it now: down, stopping, read-only, full, busy, timed out — retry later. */
        UNAVAILABLE,
        /** Not a database failure at all. */
        NOT_DATABASE
    }

    private Failures() {
    }

    public static Kind classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
                    return Kind.DUPLICATE;
                }
                if (code == SQLiteErrorCode.SQLITE_TOOBIG) {
                    return Kind.CLIENT_INPUT;
                }
                return Kind.UNAVAILABLE;
            }
            if (c instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.equals("23505")) {
                    return Kind.DUPLICATE;
                }
                if (state.startsWith("22")) {
                    return Kind.CLIENT_INPUT;
                }
                return Kind.UNAVAILABLE;
            }
            if (c instanceof java.sql.SQLTransientException || c instanceof java.sql.SQLRecoverableException
                    || c instanceof java.sql.SQLNonTransientConnectionException || c instanceof org.jdbi.v3.core.ConnectionException) {
                return Kind.UNAVAILABLE; // no connection to be had (the pool's timeout, a refused connect)
            }
        }
        // a driver's own complaint (a value it cannot convert) or a mapping error is a bug in the server, not an outage
        return Kind.NOT_DATABASE;
    }

    public static boolean isUnavailable(Throwable t) {
        return classify(t) == Kind.UNAVAILABLE;
    }

    public static boolean isDuplicate(Throwable t) {
        return classify(t) == Kind.DUPLICATE;
    }

    /**
     * A short reason for logs and /health — the failure's class, never its message (which can carry the
     * statement's values): "disk full", "read-only", "SQLSTATE 57P01".
     */
    public static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLiteException s) {
                return switch (s.getResultCode()) {
                    case SQLITE_FULL -> "disk full";
                    case SQLITE_READONLY, SQLITE_READONLY_DBMOVED, SQLITE_READONLY_RECOVERY, SQLITE_READONLY_CANTLOCK, SQLITE_READONLY_ROLLBACK -> "read-only";
                    case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED -> "busy";
                    default -> s.getResultCode().name();
                };
            }
            if (c instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08")) {
                    return "unreachable";
                }
                return switch (state) {
                    case "25006" -> "read-only";
                    case "53100" -> "disk full";
                    case "57014" -> "statement timed out";
                    case "57P01", "57P02", "57P03" -> "shutting down";
                    default -> "SQLSTATE " + state;
                };
            }
            if (c instanceof java.sql.SQLTransientConnectionException) {
                return "unreachable";
            }
        }
        return t.getClass().getSimpleName();
    }
}
