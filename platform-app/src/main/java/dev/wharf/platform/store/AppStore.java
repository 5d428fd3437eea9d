package dev.wharf.platform.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wharf.platform.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Apps and their immutable revisions (blocking JDBC: call through {@link Blocking}). */
@Repository
public class AppStore {
    private static final TypeReference<Map<String, String>> ENV = new TypeReference<>() {};
    private static final TypeReference<Map<String, Map<String, Object>>> PLUGINS = new TypeReference<>() {};

    public record Limits(int memoryMiB, int timeoutMs, int maxConcurrency) {}

    /**
     * What a deployment asks for: the component, its environment, its limits, whether anyone may call it, and
     * each host plugin's settings by the plugin's settings key.
     */
    public record AppSpec(String component, Map<String, String> env, Limits limits, boolean isPublic,
                          Map<String, Map<String, Object>> plugins) {}

    public record Revision(int revision, String component, Map<String, String> env, Limits limits,
                           @JsonProperty("public") boolean isPublic, Map<String, Map<String, Object>> plugins,
                           OffsetDateTime createdAt) {}

    public record AppInfo(String name, int activeRevision, String component, Map<String, String> env, Limits limits,
                          @JsonProperty("public") boolean isPublic, Map<String, Map<String, Object>> plugins,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    public record Deployed(AppInfo app, boolean created) {}

    private static final String APP_COLUMNS = """
            a.name, a.active_revision, r.component_digest, r.env, r.memory_mib, r.timeout_ms, r.max_concurrency,
            r.public, r.plugin_settings, a.created_at, a.updated_at
            FROM apps a JOIN app_revisions r ON r.app_id = a.id AND r.revision = a.active_revision""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public AppStore(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /**
     * Creates the app, or adds a revision to it and makes that revision active.
     *
     * @param check called in the transaction with the new revision's number, before it is stored: throwing
     *     rejects the deployment
     */
    public Deployed deploy(Tenant tenant, String name, AppSpec spec, IntConsumer check) {
        return tx.execute(s -> {
            boolean owned = jdbc.sql("SELECT 1 FROM tenant_components WHERE tenant_id = ? AND digest = ?")
                    .param(tenant.id()).param(spec.component()).query(Integer.class).optional().isPresent();
            if (!owned) {
                throw ApiException.badRequest("component '" + spec.component() + "' is not one of this tenant's "
                        + "components; upload it first with POST /v1/components");
            }
            Long id = jdbc.sql("""
                            INSERT INTO apps (tenant_id, name, active_revision) VALUES (?, ?, 1)
                            ON CONFLICT (tenant_id, name) DO NOTHING RETURNING id""")
                    .param(tenant.id()).param(name).query(Long.class).optional().orElse(null);
            boolean created = id != null;
            int revision = 1;
            if (!created) {
                id = jdbc.sql("SELECT id FROM apps WHERE tenant_id = ? AND name = ? FOR UPDATE")
                        .param(tenant.id()).param(name).query(Long.class).single();
                revision = jdbc.sql("SELECT max(revision) FROM app_revisions WHERE app_id = ?").param(id)
                        .query(Integer.class).single() + 1;
            }
            check.accept(revision);
            jdbc.sql("""
                            INSERT INTO app_revisions (app_id, revision, component_digest, env, memory_mib, timeout_ms,
                                                       max_concurrency, public, plugin_settings)
                            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb)""")
                    .param(id).param(revision).param(spec.component()).param(json.writeValueAsString(spec.env()))
                    .param(spec.limits().memoryMiB()).param(spec.limits().timeoutMs())
                    .param(spec.limits().maxConcurrency()).param(spec.isPublic())
                    .param(json.writeValueAsString(spec.plugins())).update();
            jdbc.sql("UPDATE apps SET active_revision = ?, updated_at = now() WHERE id = ?").param(revision).param(id)
                    .update();
            return new Deployed(find(tenant, name).orElseThrow(), created);
        });
    }

    public List<AppInfo> list(Tenant tenant) {
        return jdbc.sql("SELECT " + APP_COLUMNS + " WHERE a.tenant_id = ? ORDER BY a.name").param(tenant.id())
                .query(this::app).list();
    }

    public Optional<AppInfo> find(Tenant tenant, String name) {
        return jdbc.sql("SELECT " + APP_COLUMNS + " WHERE a.tenant_id = ? AND a.name = ?").param(tenant.id())
                .param(name).query(this::app).optional();
    }

    /** The app's revisions, newest first; empty when there is no such app. */
    public Optional<List<Revision>> revisions(Tenant tenant, String name) {
        Optional<Long> id = appId(tenant, name);
        return id.map(appId -> jdbc.sql("""
                        SELECT revision, component_digest, env, memory_mib, timeout_ms, max_concurrency, public,
                               plugin_settings, created_at
                        FROM app_revisions WHERE app_id = ? ORDER BY revision DESC""")
                .param(appId).query((rs, i) -> new Revision(rs.getInt(1), rs.getString(2), env(rs.getString(3)),
                        new Limits(rs.getInt(4), rs.getInt(5), rs.getInt(6)), rs.getBoolean(7), plugins(rs.getString(8)),
                        rs.getObject(9, OffsetDateTime.class)))
                .list());
    }

    /** Makes an earlier (or any existing) revision the active one. */
    public AppInfo rollback(Tenant tenant, String name, int revision) {
        return tx.execute(s -> {
            long id = jdbc.sql("SELECT id FROM apps WHERE tenant_id = ? AND name = ? FOR UPDATE")
                    .param(tenant.id()).param(name).query(Long.class).optional()
                    .orElseThrow(() -> ApiException.notFound("no app named '" + name + "'"));
            boolean exists = jdbc.sql("SELECT 1 FROM app_revisions WHERE app_id = ? AND revision = ?").param(id)
                    .param(revision).query(Integer.class).optional().isPresent();
            if (!exists) {
                throw ApiException.badRequest("app '" + name + "' has no revision " + revision);
            }
            jdbc.sql("UPDATE apps SET active_revision = ?, updated_at = now() WHERE id = ?").param(revision)
                    .param(id).update();
            return find(tenant, name).orElseThrow();
        });
    }

    public boolean delete(Tenant tenant, String name) {
        return jdbc.sql("DELETE FROM apps WHERE tenant_id = ? AND name = ?").param(tenant.id()).param(name)
                .update() == 1;
    }

    private Optional<Long> appId(Tenant tenant, String name) {
        return jdbc.sql("SELECT id FROM apps WHERE tenant_id = ? AND name = ?").param(tenant.id()).param(name)
                .query(Long.class).optional();
    }

    private AppInfo app(ResultSet rs, int i) throws SQLException {
        return new AppInfo(rs.getString(1), rs.getInt(2), rs.getString(3), env(rs.getString(4)),
                new Limits(rs.getInt(5), rs.getInt(6), rs.getInt(7)), rs.getBoolean(8), plugins(rs.getString(9)),
                rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class));
    }

    public Map<String, Map<String, Object>> plugins(String text) {
        return json.readValue(text, PLUGINS);
    }

    private Map<String, String> env(String text) {
        return json.readValue(text, ENV);
    }
}
