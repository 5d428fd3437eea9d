package dev.wharf.platform.store;

import dev.wharf.engine.ComponentException;
import dev.wharf.engine.ComponentExtern;
import dev.wharf.engine.ComponentParser;
import dev.wharf.engine.ParsedComponent;
import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.components.ComponentChecks;
import dev.wharf.platform.components.ComponentCompiler;
import dev.wharf.platform.metrics.PlatformMetrics;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Component binaries, stored content-addressed (one row per SHA-256, shared by tenants), and each tenant's links
 * to the components it uploaded (blocking JDBC: call through {@link Blocking}).
 */
@Repository
public class ComponentStore {
    private static final Logger log = LoggerFactory.getLogger(ComponentStore.class);
    private static final TypeReference<List<ComponentInfo.Extern>> EXTERNS = new TypeReference<>() {};
    private static final String COLUMNS = "c.digest, c.size, c.imports, c.exports, c.status, c.error, l.created_at";

    /** The result of an upload: the component, and whether this tenant did not have it before. */
    public record Upload(ComponentInfo component, boolean created) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ComponentChecks checks;
    private final ComponentCompiler compiler;
    private final PlatformMetrics metrics;

    public ComponentStore(JdbcClient jdbc, JsonMapper json, ComponentChecks checks, ComponentCompiler compiler,
            PlatformMetrics metrics) {
        this.jdbc = jdbc;
        this.json = json;
        this.checks = checks;
        this.compiler = compiler;
        this.metrics = metrics;
    }

    public static String digestOf(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Validates the bytes with the engine ({@link ComponentChecks}), stores them once per digest with status
     * {@code compiling}, queues their compilation and links them to the tenant.
     */
    public Upload upload(Tenant tenant, byte[] bytes) {
        try {
            Upload upload = store(tenant, bytes);
            metrics.uploaded(upload.created() ? "created" : "existing", bytes.length);
            return upload;
        } catch (ApiException e) {
            metrics.uploaded("rejected", bytes.length);
            throw e;
        }
    }

    private Upload store(Tenant tenant, byte[] bytes) {
        String digest = digestOf(bytes);
        Optional<ComponentInfo> existing = find(tenant, digest);
        if (existing.isPresent()) {
            return new Upload(existing.get(), false);
        }
        boolean stored = jdbc.sql("SELECT 1 FROM components WHERE digest = ?").param(digest).query(Integer.class)
                .optional().isPresent();
        if (!stored) {
            ParsedComponent parsed;
            try {
                parsed = ComponentParser.parse(bytes);
            } catch (ComponentException e) {
                throw ApiException.badRequest("not a valid WebAssembly component: " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("The engine failed on an uploaded component {}", digest, e);
                throw ApiException.badRequest("not a valid WebAssembly component: the engine could not parse it ("
                        + e.getClass().getSimpleName() + ")");
            }
            checks.check(parsed);
            int inserted = jdbc.sql("""
                            INSERT INTO components (digest, size, bytes, imports, exports, status)
                            VALUES (?, ?, ?, ?::jsonb, ?::jsonb, 'compiling') ON CONFLICT (digest) DO NOTHING""")
                    .param(digest).param((long) bytes.length).param(bytes)
                    .param(json.writeValueAsString(externs(parsed.imports())))
                    .param(json.writeValueAsString(externs(parsed.exports())))
                    .update();
            if (inserted == 1) {
                compiler.submit(digest, bytes);
            }
        }
        jdbc.sql("INSERT INTO tenant_components (tenant_id, digest) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(tenant.id()).param(digest).update();
        return new Upload(find(tenant, digest).orElseThrow(), true);
    }

    public List<ComponentInfo> list(Tenant tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant_components l JOIN components c ON c.digest = l.digest "
                        + "WHERE l.tenant_id = ? ORDER BY l.created_at, c.digest")
                .param(tenant.id()).query(this::row).list();
    }

    public Optional<ComponentInfo> find(Tenant tenant, String digest) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant_components l JOIN components c ON c.digest = l.digest "
                        + "WHERE l.tenant_id = ? AND l.digest = ?")
                .param(tenant.id()).param(digest).query(this::row).optional();
    }

    /** The stored bytes of a component (for the runtime: any replica can load any app's component). */
    public Optional<byte[]> bytes(String digest) {
        return jdbc.sql("SELECT bytes FROM components WHERE digest = ?").param(digest).query(byte[].class).optional();
    }

    private ComponentInfo row(ResultSet rs, int i) throws SQLException {
        return new ComponentInfo(rs.getString(1), rs.getLong(2), json.readValue(rs.getString(3), EXTERNS),
                json.readValue(rs.getString(4), EXTERNS), rs.getString(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class));
    }

    private static List<ComponentInfo.Extern> externs(List<ComponentExtern> list) {
        return list.stream().map(e -> new ComponentInfo.Extern(e.name(), String.valueOf(e.type()))).toList();
    }
}
