package dev.wharf.platform.keyvalue;

import com.zaxxer.hikari.HikariDataSource;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.wasi.keyvalue.KeyValueConformance;
import dev.wharf.wasi.keyvalue.KeyValuePlugin;
import dev.wharf.wasi.keyvalue.PostgresBackend;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole wasi:keyvalue conformance suite (every function of both drafts through real components, limits,
 * isolation, parallel increments and swaps) on the embedded PostgreSQL, with the plugin initialised the way the
 * platform does it: a {@link DataSource} service and {@code wharf.keyvalue.*} properties.
 */
class PostgresKeyValueTest extends KeyValueConformance {
    private static HikariDataSource dataSource;
    private static KeyValuePlugin plugin;

    @BeforeAll
    static void start() {
        dataSource = KeyValueDatabase.create();
        plugin = new KeyValuePlugin();
        plugin.init(PluginContext.of(Map.of(DataSource.class, dataSource), Map.of(
                "wharf.keyvalue.max-key-bytes", Integer.toString(LIMITS.maxKeyBytes()),
                "wharf.keyvalue.max-value-bytes", Integer.toString(LIMITS.maxValueBytes()),
                "wharf.keyvalue.max-tenant-bytes", Long.toString(LIMITS.maxTenantBytes()),
                "wharf.keyvalue.page-size", Integer.toString(LIMITS.pageSize()))::get));
    }

    @AfterAll
    static void stop() {
        dataSource.close();
    }

    @Override
    protected KeyValuePlugin plugin() {
        return plugin;
    }

    @Override
    protected void createTenant(String name) {
        KeyValueDatabase.createTenant(dataSource, name);
    }

    @Test
    void aDataSourceSelectsThePostgresBackend() {
        assertThat(plugin.backend()).isInstanceOf(PostgresBackend.class);
        assertThat(plugin.backend().limits()).isEqualTo(LIMITS);
    }
}
