package dev.wharf.platform.config;

import dev.wharf.platform.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Configuration rows in PostgreSQL ({@code config_values}, V3 migration). Blocking JDBC: call it through
 * {@code Blocking} from the event loop. Values are written as given: encryption is {@link ConfigService}'s job.
 */
public class ConfigStore {
    private static final String COLUMNS = "app, key, secret, value, ciphertext, nonce, key_id, created_at, updated_at";

    /** What a guest's app reads, before merging: the tenant's id ({@code -1} if unknown) and both levels' rows. */
    public record Levels(long tenantId, List<StoredValue> rows) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public ConfigStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Inserts or replaces {@code key} in {@code scope}; returns true when it was new.
     *
     * @throws ApiException 409 when the level already holds {@code maxKeys} keys and this one is new
     */
    public boolean put(ConfigScope scope, String key, String value, SecretCipher.Sealed sealed, int maxKeys) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            // serialise writers of one level so the key count cannot be overrun by concurrent PUTs
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?, ?)) l").param((int) scope.tenantId())
                    .param(scope.app().hashCode()).query(Integer.class).single();
            boolean exists = jdbc.sql("SELECT 1 FROM config_values WHERE tenant_id = ? AND app = ? AND key = ?")
                    .param(scope.tenantId()).param(scope.app()).param(key).query(Integer.class).optional().isPresent();
            if (!exists) {
                long count = jdbc.sql("SELECT count(*) FROM config_values WHERE tenant_id = ? AND app = ?")
                        .param(scope.tenantId()).param(scope.app()).query(Long.class).single();
                if (count >= maxKeys) {
                    throw ApiException.conflict((scope.tenantWide() ? "the tenant-wide level" : "app '" + scope.app() + "'")
                            + " already has " + count + " config keys, the limit (wharf.config.max-keys); delete one first");
                }
            }
            jdbc.sql("""
                    INSERT INTO config_values (tenant_id, app, key, secret, value, ciphertext, nonce, key_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, app, key) DO UPDATE SET secret = EXCLUDED.secret, value = EXCLUDED.value,
                        ciphertext = EXCLUDED.ciphertext, nonce = EXCLUDED.nonce, key_id = EXCLUDED.key_id,
                        updated_at = now()""")
                    .param(scope.tenantId()).param(scope.app()).param(key).param(sealed != null)
                    .param(sealed == null ? value : null)
                    .param(sealed == null ? null : sealed.ciphertext())
                    .param(sealed == null ? null : sealed.nonce())
                    .param(sealed == null ? null : sealed.keyId())
                    .update();
            return !exists;
        }));
    }

    public Optional<StoredValue> find(ConfigScope scope, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM config_values WHERE tenant_id = ? AND app = ? AND key = ?")
                .param(scope.tenantId()).param(scope.app()).param(key).query(ConfigStore::row).optional();
    }

    public List<StoredValue> list(ConfigScope scope) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM config_values WHERE tenant_id = ? AND app = ? ORDER BY key")
                .param(scope.tenantId()).param(scope.app()).query(ConfigStore::row).list();
    }

    public boolean delete(ConfigScope scope, String key) {
        return jdbc.sql("DELETE FROM config_values WHERE tenant_id = ? AND app = ? AND key = ?")
                .param(scope.tenantId()).param(scope.app()).param(key).update() > 0;
    }

    /** The tenant-wide rows and {@code app}'s rows of the tenant named {@code tenant}, in one query. */
    public Levels levels(String tenant, String app) {
        List<Object[]> rows = jdbc.sql("SELECT t.id, " + prefixed("c.")
                        + " FROM tenants t LEFT JOIN config_values c ON c.tenant_id = t.id AND (c.app = '' OR c.app = ?)"
                        + " WHERE t.name = ?")
                .param(app).param(tenant)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2) == null ? null : row(rs, n)}).list();
        if (rows.isEmpty()) {
            return new Levels(-1, List.of());
        }
        long tenantId = (Long) rows.get(0)[0];
        return new Levels(tenantId, rows.stream().filter(r -> r[1] != null).map(r -> (StoredValue) r[1]).toList());
    }

    /** A secret as stored, named for reports (tenant name, app, key; never its value). */
    public record SecretRow(long tenantId, String tenant, String app, String key, SecretCipher.Sealed sealed) {}

    /** How many secrets each key id sealed, across all tenants. */
    public Map<String, Long> secretsByKeyId() {
        var counts = new TreeMap<String, Long>();
        jdbc.sql("SELECT key_id, count(*) FROM config_values WHERE secret GROUP BY key_id")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Up to {@code limit} secrets not sealed with {@code keyId}, in primary-key order after {@code after} (null: from
     * the start), so a caller pages through them once even when some cannot be re-sealed.
     */
    public List<SecretRow> secretsNotSealedWith(String keyId, SecretRow after, int limit) {
        String from = after == null ? "" : " AND (c.tenant_id, c.app, c.key) > (?, ?, ?)";
        var query = jdbc.sql("SELECT c.tenant_id, t.name, c.app, c.key, c.ciphertext, c.nonce, c.key_id"
                + " FROM config_values c JOIN tenants t ON t.id = c.tenant_id"
                + " WHERE c.secret AND c.key_id <> ?" + from + " ORDER BY c.tenant_id, c.app, c.key LIMIT ?")
                .param(keyId);
        if (after != null) {
            query = query.param(after.tenantId()).param(after.app()).param(after.key());
        }
        return query.param(limit).query((rs, n) -> new SecretRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), new SecretCipher.Sealed(rs.getBytes(5), rs.getBytes(6), rs.getString(7)))).list();
    }

    /**
     * Replaces a secret's ciphertext, nonce and key id, if the row still holds what {@code row} read (its nonce is
     * unique): a value changed in between is left to its writer, who sealed it with the current key anyway. The
     * value is the same, so {@code updated_at} stays.
     */
    public boolean reseal(SecretRow row, SecretCipher.Sealed resealed) {
        return jdbc.sql("UPDATE config_values SET ciphertext = ?, nonce = ?, key_id = ?"
                        + " WHERE tenant_id = ? AND app = ? AND key = ? AND secret AND nonce = ? AND key_id = ?")
                .param(resealed.ciphertext()).param(resealed.nonce()).param(resealed.keyId())
                .param(row.tenantId()).param(row.app()).param(row.key()).param(row.sealed().nonce())
                .param(row.sealed().keyId()).update() == 1;
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    private static StoredValue row(ResultSet rs, int n) throws SQLException {
        boolean secret = rs.getBoolean("secret");
        SecretCipher.Sealed sealed = secret
                ? new SecretCipher.Sealed(rs.getBytes("ciphertext"), rs.getBytes("nonce"), rs.getString("key_id"))
                : null;
        return new StoredValue(rs.getString("app"), rs.getString("key"), secret, secret ? null : rs.getString("value"),
                sealed, rs.getObject("created_at", java.time.OffsetDateTime.class),
                rs.getObject("updated_at", java.time.OffsetDateTime.class));
    }
}
