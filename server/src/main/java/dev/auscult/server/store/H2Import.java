package dev.auscult.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies an earlier version's embedded H2 database into the SQLite default, once, with the server stopped:
 * every table in foreign-key order, every column both sides have, in one transaction. The copy is built
 * beside the data and moved into place only when complete; the H2 file is then renamed, never deleted.
 */
public final class H2Import {

    /** Parents before children, so the foreign keys SQLite enforces hold at every row. */
    static final List<String> TABLES = List.of("accounts", "people", "activation_codes", "activation_failures", "devices", "reports",
            "report_practices", "policies", "policy_assignments", "activation_mails", "scim_tokens", "audit_log", "admins", "admin_sessions",
            "device_days", "account_settings");

    /** Rows copied per table, in copy order. */
    public record Result(Map<String, Integer> rows, Path database, Path keptH2) {
    }

    private H2Import() {
    }

    public static Result run(Path dataDir) throws IOException {
        if (!LegacyH2.present(dataDir)) {
            throw new IOException("no H2 database (" + LegacyH2.FILE + ") in " + dataDir.toAbsolutePath());
        }
        Path target = dataDir.resolve(Database.EMBEDDED_FILE);
        if (Files.exists(target)) {
            throw new IOException(target.toAbsolutePath() + " exists already; the H2 database was migrated before (or the server ran on SQLite): "
                    + "move one of them away first");
        }
        Path building = dataDir.resolve(Database.EMBEDDED_FILE + ".importing");
        Files.deleteIfExists(building);
        Map<String, Integer> rows = new LinkedHashMap<>();
        String h2 = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("auscult").toString().replace('\\', '/')
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;ACCESS_MODE_DATA=r";
        try (Connection from = DriverManager.getConnection(h2, "sa", "");
             Database to = Database.open(Optional.of("sqlite:" + building), dataDir, 1)) {
            to.migrate();
            to.jdbi().useTransaction(h -> {
                Connection into = h.getConnection();
                for (String table : TABLES) {
                    rows.put(table, copy(from, into, table));
                }
            });
        } catch (SQLException e) {
            Files.deleteIfExists(building);
            throw new IOException("the H2 database in " + dataDir.toAbsolutePath() + " cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(building);
            throw e;
        }
        Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
        Path kept = dataDir.resolve(LegacyH2.FILE + ".migrated");
        Files.move(dataDir.resolve(LegacyH2.FILE), kept, StandardCopyOption.ATOMIC_MOVE);
        return new Result(rows, target, kept);
    }

    private static int copy(Connection from, Connection into, String table) throws SQLException {
        if (!exists(from, table)) {
            return 0; // an H2 database from before this table was added
        }
        Set<String> wanted = columns(into, table);
        // per-practice rows name their device since V7; an H2 database from before has it on the report only
        String select = table.equals("report_practices") && !columns(from, table).contains("device_id")
                ? "SELECT rp.*, r.device_id FROM report_practices rp JOIN reports r ON r.report_id = rp.report_id" : "SELECT * FROM " + table;
        try (var s = from.createStatement(); ResultSet rs = s.executeQuery(select)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Integer> indexes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                if (wanted.contains(name)) {
                    indexes.add(i);
                    names.add(name);
                }
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (" + "?, ".repeat(names.size() - 1) + "?)";
            int n = 0;
            try (PreparedStatement insert = into.prepareStatement(sql)) {
                while (rs.next()) {
                    for (int k = 0; k < indexes.size(); k++) {
                        insert.setObject(k + 1, portable(rs.getObject(indexes.get(k))));
                    }
                    insert.addBatch();
                    n++;
                }
                insert.executeBatch();
            }
            return n;
        }
    }

    /**
     * Each value as the server binds it live, so copied rows compare and read like new ones: instants as
     * timestamps (SQLite keeps epoch milliseconds), days as ISO dates (SQLite keeps {@code 2026-12-06} text).
     */
    private static Object portable(Object v) {
        return switch (v) {
            case OffsetDateTime t -> Timestamp.from(t.toInstant());
            case LocalDateTime t -> Timestamp.valueOf(t);
            case java.sql.Date d -> d.toLocalDate();
            case null, default -> v;
        };
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE", "BASE TABLE"})) {
            return rs.next();
        }
    }

    /** The table's column names, lower case, read through JDBC's metadata (SQLite and H2 alike). */
    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
