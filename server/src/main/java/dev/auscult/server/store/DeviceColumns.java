package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.StatementContext;

/** One column list and one row mapper for every query that makes a {@link Device} (the store's, and the fleet view's filters). */
public final class DeviceColumns {

    private static final List<String> COLUMNS = List.of("id", "account_id", "owner_email", "platform", "os_name", "os_version", "hostname",
            "hardware_model", "hardware_serial", "agent_version", "activated_at", "last_seen_at", "revoked_at", "latest_report", "latest_status",
            "key_thumbprint", "key_binding", "key_made_at", "key_rotation_asked_at");

    private DeviceColumns() {
    }

    /** The columns for a query where the devices table goes by {@code alias}. */
    public static String columns(String alias) {
        return COLUMNS.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    /** The row mapper for {@link #columns}. */
    public static Device device(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Device(rs.getString("id"), rs.getString("account_id"), rs.getString("owner_email"), rs.getString("platform"),
                Columns.text(rs, "os_name"), Columns.text(rs, "os_version"), Columns.text(rs, "hostname"), Columns.text(rs, "hardware_model"),
                Columns.text(rs, "hardware_serial"), Columns.text(rs, "agent_version"), Columns.instant(rs, "activated_at"),
                Columns.instant(rs, "last_seen_at"), Columns.maybeInstant(rs, "revoked_at"), Columns.text(rs, "latest_report"),
                Columns.text(rs, "latest_status"), Columns.text(rs, "key_thumbprint"), Columns.text(rs, "key_binding"),
                Columns.maybeInstant(rs, "key_made_at"), Columns.maybeInstant(rs, "key_rotation_asked_at"));
    }
}
