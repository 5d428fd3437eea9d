package dev.wharf.platform.keyvalue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.wharf.platform.internal.db.EmbeddedPostgres;
import dev.wharf.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A fresh, migrated database on the shared test PostgreSQL, for keyvalue tests that run without Spring. */
final class KeyValueDatabase {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private KeyValueDatabase() {
    }

    /** A pooled {@link DataSource} over a new database with every Flyway migration applied. */
    static HikariDataSource create() {
        EmbeddedPostgres pg = TestDatabase.server();
        String name = "kv_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        pg.createDatabase(name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl(name));
        config.setUsername(pg.username());
        config.setPassword(pg.password());
        config.setMaximumPoolSize(12);
        HikariDataSource ds = new HikariDataSource(config);
        migrate(ds);
        return ds;
    }

    static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    static void createTenant(DataSource ds, String tenant) {
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO tenants (name) VALUES (?)")) {
            st.setString(1, tenant);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
