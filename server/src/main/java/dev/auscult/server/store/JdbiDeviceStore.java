package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link DeviceStore} in SQL. */
final class JdbiDeviceStore implements DeviceStore {

    private static final String SELECT = "SELECT " + DeviceColumns.columns("devices") + " FROM devices";

    private final Handle h;

    JdbiDeviceStore(Handle h) {
        this.h = h;
    }

    @Override
    public Optional<TokenHolder> activeByTokenHashAcrossAccounts(String tokenHash) {
        return h.createQuery("SELECT id, account_id, owner_email, token_hash, key_rotation_asked_at FROM devices WHERE token_hash = :t AND revoked_at IS NULL")
                .bind("t", tokenHash)
                .map((rs, ctx) -> new TokenHolder(rs.getString("id"), new Account(rs.getString("account_id")), rs.getString("owner_email"),
                        rs.getString("token_hash"), rs.getTimestamp("key_rotation_asked_at") != null))
                .findOne();
    }

    @Override
    public void insert(Account account, NewDevice d) {
        h.createUpdate("INSERT INTO devices (id, account_id, owner_email, device_uuid, token_hash, platform, os_name, os_version, hostname, "
                        + "hardware_model, hardware_serial, agent_version, activated_at, last_seen_at, public_jwk, key_thumbprint, key_binding, key_made_at) "
                        + "VALUES (:id, :a, :e, :u, :t, :p, :osn, :osv, :host, :model, :serial, :agent, :now, :now, :jwk, :thumb, :binding, :made)")
                .bind("id", d.id()).bind("a", account.id()).bind("e", d.ownerEmail()).bind("u", d.deviceUuid()).bind("t", d.tokenHash())
                .bind("p", d.platform()).bind("osn", Columns.cut(d.osName(), 200)).bind("osv", Columns.cut(d.osVersion(), 100))
                .bind("host", Columns.cut(d.hostname(), 255)).bind("model", Columns.cut(d.hardwareModel(), 255))
                .bind("serial", Columns.cut(d.hardwareSerial(), 255)).bind("agent", Columns.cut(Optional.of(d.agentVersion()), 50)).bind("now", d.at())
                .bind("jwk", d.publicJwk().orElse(null)).bind("thumb", d.keyThumbprint().orElse(null)).bind("binding", d.keyBinding().orElse(null))
                .bindByType("made", d.keyThumbprint().isPresent() ? d.at() : null, Instant.class).execute();
    }

    @Override
    public int revokeOwnersEarlier(Account account, String deviceUuid, String ownerEmail, Instant at) {
        return h.createUpdate("UPDATE devices SET revoked_at = :now WHERE account_id = :a AND device_uuid = :u AND owner_email = :e AND revoked_at IS NULL")
                .bind("now", at).bind("a", account.id()).bind("u", deviceUuid).bind("e", ownerEmail).execute();
    }

    @Override
    public List<String> othersOnHardware(Account account, String deviceUuid, String ownerEmail) {
        return h.createQuery("SELECT id || ' (' || owner_email || ')' FROM devices WHERE account_id = :a AND device_uuid = :u "
                        + "AND owner_email <> :e AND revoked_at IS NULL ORDER BY id")
                .bind("a", account.id()).bind("u", deviceUuid).bind("e", ownerEmail).mapTo(String.class).list();
    }

    @Override
    public List<String> revokeOwners(Account account, String ownerEmail, Instant at) {
        List<String> ids = h.createQuery("SELECT id FROM devices WHERE account_id = :a AND owner_email = :e AND revoked_at IS NULL ORDER BY id")
                .bind("a", account.id()).bind("e", ownerEmail).mapTo(String.class).list();
        h.createUpdate("UPDATE devices SET revoked_at = :now WHERE account_id = :a AND owner_email = :e AND revoked_at IS NULL")
                .bind("now", at).bind("a", account.id()).bind("e", ownerEmail).execute();
        return ids;
    }

    @Override
    public boolean revoke(Account account, String deviceId, Instant at) {
        return h.createUpdate("UPDATE devices SET revoked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                .bind("now", at).bind("id", deviceId).bind("a", account.id()).execute() == 1;
    }

    @Override
    public List<Device> list(Account account, boolean includeRevoked) {
        return h.createQuery(SELECT + " WHERE account_id = :a" + (includeRevoked ? "" : " AND revoked_at IS NULL") + " ORDER BY owner_email, last_seen_at DESC")
                .bind("a", account.id()).map(DeviceColumns::device).list();
    }

    @Override
    public Optional<Device> find(Account account, String deviceId) {
        return h.createQuery(SELECT + " WHERE account_id = :a AND id = :id").bind("a", account.id()).bind("id", deviceId)
                .map(DeviceColumns::device).findOne();
    }

    @Override
    public void seen(Account account, String deviceId, Instant at) {
        h.createUpdate("UPDATE devices SET last_seen_at = :now WHERE id = :d AND account_id = :a").bind("now", at).bind("d", deviceId)
                .bind("a", account.id()).execute();
    }

    @Override
    public void reported(Account account, String deviceId, Reported r) {
        h.createUpdate("UPDATE devices SET last_seen_at = :now, latest_report = :r, latest_status = :status, stale_pushed_at = NULL, "
                        + "os_name = COALESCE(:osn, os_name), os_version = COALESCE(:osv, os_version), hostname = COALESCE(:host, hostname), "
                        + "agent_version = :agent WHERE id = :d AND account_id = :a")
                .bind("now", r.at()).bind("r", r.reportId()).bind("status", r.status().orElse(null))
                .bind("osn", Columns.cut(r.osName(), 200)).bind("osv", Columns.cut(r.osVersion(), 100)).bind("host", Columns.cut(r.hostname(), 255))
                .bind("agent", Columns.cut(Optional.of(r.agentVersion()), 50)).bind("d", deviceId).bind("a", account.id()).execute();
    }

    private static final String KEY = "SELECT id, owner_email, key_thumbprint, public_jwk, latest_status FROM devices WHERE account_id = :a AND revoked_at IS NULL";

    private static KeyOf keyOf(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new KeyOf(rs.getString("id"), rs.getString("owner_email"), Columns.text(rs, "key_thumbprint"),
                Columns.text(rs, "public_jwk").filter(j -> !j.isBlank()), Columns.text(rs, "latest_status"));
    }

    @Override
    public Optional<KeyOf> activeKey(Account account, String deviceId) {
        return h.createQuery(KEY + " AND id = :d").bind("a", account.id()).bind("d", deviceId).map(JdbiDeviceStore::keyOf).findOne();
    }

    @Override
    public Optional<KeyOf> activeByKey(Account account, String thumbprint) {
        return h.createQuery(KEY + " AND key_thumbprint = :t ORDER BY id").bind("a", account.id()).bind("t", thumbprint).map(JdbiDeviceStore::keyOf)
                .findFirst();
    }

    @Override
    public boolean askKeyRotation(Account account, String deviceId, Instant at) {
        return h.createUpdate("UPDATE devices SET key_rotation_asked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                .bind("now", at).bind("id", deviceId).bind("a", account.id()).execute() == 1;
    }

    @Override
    public void replaceKey(Account account, String deviceId, String publicJwk, String thumbprint, String binding, Instant at) {
        if (h.createUpdate("UPDATE devices SET public_jwk = :jwk, key_thumbprint = :t, key_binding = :b, key_made_at = :now, key_rotation_asked_at = NULL "
                        + "WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                .bind("jwk", publicJwk).bind("t", thumbprint).bind("b", binding).bind("now", at).bind("id", deviceId).bind("a", account.id()).execute() == 0) {
            throw new IllegalArgumentException("no active device " + deviceId + " in account " + account.id());
        }
        h.createUpdate("DELETE FROM device_proofs WHERE device_id = :id").bind("id", deviceId).execute();
    }

    @Override
    public boolean spendProofId(Account account, String deviceId, String jti, Instant at, Instant forgetBefore) {
        // the device's account is checked in the statements themselves: the request already read the device, no third read
        String accounts = " AND EXISTS (SELECT 1 FROM devices WHERE id = :d AND account_id = :a AND revoked_at IS NULL)";
        h.createUpdate("DELETE FROM device_proofs WHERE device_id = :d AND seen_at < :old" + accounts).bind("d", deviceId).bind("a", account.id())
                .bind("old", forgetBefore).execute();
        if (h.createQuery("SELECT count(*) FROM device_proofs WHERE device_id = :d AND jti = :j").bind("d", deviceId).bind("j", jti)
                .mapTo(Integer.class).one() > 0) {
            return false;
        }
        return h.createUpdate("INSERT INTO device_proofs (device_id, jti, seen_at) SELECT :d, :j, :now WHERE 1 = 1" + accounts).bind("d", deviceId)
                .bind("a", account.id()).bind("j", jti).bind("now", at).execute() == 1;
    }
}
