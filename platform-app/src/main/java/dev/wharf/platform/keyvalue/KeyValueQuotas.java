package dev.wharf.platform.keyvalue;

import dev.wharf.wasi.keyvalue.KeyValueLimits;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's wasi:keyvalue quota: the platform's {@code wharf.keyvalue.max-tenant-bytes}, or the tenant's own
 * where an admin set one. The override is the {@code max_bytes} column of the tenant's {@code kv_usage} row (V5
 * migration), which {@link dev.wharf.wasi.keyvalue.PostgresBackend} reads under the lock every write takes, so a
 * change applies to the next write on every replica. Blocking JDBC.
 */
@Component
public class KeyValueQuotas {

    /**
     * @param maxBytes the tenant's own quota, or null for the platform's
     * @param effectiveMaxBytes what writes are held to
     * @param usedBytes what the tenant stores now (UTF-8 keys plus values); may exceed a quota lowered below it, in
     *     which case writes that add bytes fail and deletes still work
     */
    public record Quota(Long maxBytes, long effectiveMaxBytes, long usedBytes) {}

    private final JdbcClient jdbc;
    private final KeyValueLimits limits;

    public KeyValueQuotas(JdbcClient jdbc, Environment env) {
        this.jdbc = jdbc;
        this.limits = KeyValueLimits.from(env::getProperty);
    }

    public Quota of(String tenant) {
        return jdbc.sql("SELECT bytes, max_bytes FROM kv_usage WHERE tenant = ?").param(tenant)
                .query((rs, n) -> {
                    long own = rs.getLong(2);
                    Long max = rs.wasNull() ? null : own;
                    return new Quota(max, max == null ? limits.maxTenantBytes() : max, rs.getLong(1));
                })
                .optional().orElse(new Quota(null, limits.maxTenantBytes(), 0));
    }

    /** Sets the tenant's own quota, or goes back to the platform's with null. The tenant must exist. */
    public Quota set(String tenant, Long maxBytes) {
        jdbc.sql("INSERT INTO kv_usage (tenant, bytes, max_bytes) VALUES (?, 0, ?)"
                        + " ON CONFLICT (tenant) DO UPDATE SET max_bytes = excluded.max_bytes")
                .param(tenant).param(maxBytes).update();
        return of(tenant);
    }
}
