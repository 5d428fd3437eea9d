package dev.wharf.platform.config;

import dev.wharf.platform.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
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
