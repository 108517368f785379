package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Reading the nullable columns every row mapper has (one way for every table). */
final class Columns {

    private Columns() {
    }

    static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    static Optional<Instant> maybeInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }

    /** A value cut to the column's width (what a device says of itself may be longer than we keep). */
    static String cut(Optional<String> v, int max) {
        return v.map(s -> s.length() > max ? s.substring(0, max) : s).orElse(null);
    }
}
