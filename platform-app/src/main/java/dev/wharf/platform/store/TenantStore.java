package dev.wharf.platform.store;

import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.auth.Secrets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Tenants and their API keys (blocking JDBC: call through {@link Blocking}). */
@Repository
public class TenantStore {

    public record TenantInfo(String name, OffsetDateTime createdAt) {}

    public record CreatedTenant(String name, String apiKey) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public TenantStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public CreatedTenant create(String name) {
        return tx.execute(s -> {
            Long id = jdbc.sql("INSERT INTO tenants (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id")
                    .param(name).query(Long.class).optional().orElse(null);
            if (id == null) {
                throw ApiException.conflict("tenant '" + name + "' already exists");
            }
            return new CreatedTenant(name, newKey(id));
        });
    }

    public List<TenantInfo> list() {
        return jdbc.sql("SELECT name, created_at FROM tenants ORDER BY name")
                .query((rs, i) -> new TenantInfo(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).list();
    }

    public boolean exists(String name) {
        return jdbc.sql("SELECT 1 FROM tenants WHERE name = ?").param(name).query(Integer.class).optional().isPresent();
    }

    public boolean delete(String name) {
        return jdbc.sql("DELETE FROM tenants WHERE name = ?").param(name).update() == 1;
    }

    /** Replaces every key of the tenant by a new one; empty when there is no such tenant. */
    public Optional<CreatedTenant> rotateKey(String name) {
        return tx.execute(s -> {
            Long id = jdbc.sql("SELECT id FROM tenants WHERE name = ? FOR UPDATE").param(name).query(Long.class)
                    .optional().orElse(null);
            if (id == null) {
                return Optional.<CreatedTenant>empty();
            }
            jdbc.sql("DELETE FROM tenant_api_keys WHERE tenant_id = ?").param(id).update();
            return Optional.of(new CreatedTenant(name, newKey(id)));
        });
    }

    /** The tenant whose API key this is, comparing the key's hash in constant time. */
    public Optional<Tenant> authenticate(String apiKey) {
        String keyId = Secrets.keyIdOf(apiKey);
        if (keyId == null) {
            return Optional.empty();
        }
        record Row(long id, String name, byte[] hash) {}
        return jdbc.sql("""
                        SELECT t.id, t.name, k.key_sha256 FROM tenant_api_keys k JOIN tenants t ON t.id = k.tenant_id
                        WHERE k.key_id = ?""")
                .param(keyId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
                .optional()
                .filter(row -> Secrets.matches(apiKey, row.hash()))
                .map(row -> new Tenant(row.id(), row.name()));
    }

    private String newKey(long tenantId) {
        String keyId = Secrets.newKeyId();
        String key = Secrets.newApiKey(keyId);
        jdbc.sql("INSERT INTO tenant_api_keys (key_id, tenant_id, key_sha256) VALUES (?, ?, ?)")
                .param(keyId).param(tenantId).param(Secrets.sha256(key)).update();
        return key;
    }
}
