package dev.wharf.platform.apps;

import dev.wharf.platform.store.AppStore;
import dev.wharf.platform.store.AppStore.Limits;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Finds an app's active revision by tenant and app name (one indexed query; blocking JDBC). */
@Repository
class RouteStore {
    private static final TypeReference<Map<String, String>> ENV = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AppStore apps;

    RouteStore(JdbcClient jdbc, JsonMapper json, AppStore apps) {
        this.jdbc = jdbc;
        this.json = json;
        this.apps = apps;
    }

    Optional<ActiveRevision> find(String tenant, String app) {
        return jdbc.sql("""
                        SELECT t.id, a.id, r.revision, r.component_digest, c.status, c.error, r.env, r.memory_mib,
                               r.timeout_ms, r.max_concurrency, r.public, r.plugin_settings
                        FROM tenants t
                        JOIN apps a ON a.tenant_id = t.id
                        JOIN app_revisions r ON r.app_id = a.id AND r.revision = a.active_revision
                        JOIN components c ON c.digest = r.component_digest
                        WHERE t.name = ? AND a.name = ?""")
                .param(tenant).param(app)
                .query((rs, i) -> new ActiveRevision(rs.getLong(1), tenant, app, rs.getLong(2), rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), json.readValue(rs.getString(7), ENV),
                        new Limits(rs.getInt(8), rs.getInt(9), rs.getInt(10)), rs.getBoolean(11),
                        apps.plugins(rs.getString(12))))
                .optional();
    }
}
