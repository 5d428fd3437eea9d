package dev.wharf.platform.keyvalue;

import static dev.wharf.wasi.keyvalue.KvGuest.b;
import static dev.wharf.wasi.keyvalue.KvGuest.error;
import static dev.wharf.wasi.keyvalue.KvGuest.ok;
import static dev.wharf.wasi.keyvalue.KvGuest.s;
import static dev.wharf.wasi.keyvalue.KvGuest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.Engine;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.engine.values.WitValue;
import dev.wharf.platform.internal.db.EmbeddedPostgres;
import dev.wharf.platform.testing.TestDatabase;
import dev.wharf.wasi.keyvalue.KvGuest;
import dev.wharf.wasi.keyvalue.KeyValuePlugin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL going away and coming back, with a server of this test's own: guests get {@code other("store
 * unavailable")} and their calls return, a failed write leaves nothing behind, and the next call after the restart
 * works without any intervention.
 */
@Timeout(180)
class StoreUnavailableTest {
    private static Path dataDir;
    private static volatile EmbeddedPostgres server;

    /** Connections to whichever server is current (its port changes on restart); no pool, so nothing is stale. */
    private static final DataSource CURRENT = new DataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", server.username());
            props.setProperty("password", server.password());
            props.setProperty("connectTimeout", "3");
            return DriverManager.getConnection(server.jdbcUrl("postgres"), props);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 3;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    };

    @BeforeAll
    static void start() {
        dataDir = TestDatabase.newDataDir("wharf-kv-outage");
        server = EmbeddedPostgres.start(dataDir, "nobody");
        KeyValueDatabase.migrate(CURRENT);
        KeyValueDatabase.createTenant(CURRENT, "acme");
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabase.deleteTree(dataDir);
    }

    @Test
    void guestsSeeStoreUnavailableUntilPostgresReturns() {
        KeyValuePlugin plugin = new KeyValuePlugin();
        plugin.init(PluginContext.of(Map.of(DataSource.class, CURRENT), key -> null));
        try (Engine engine = Engine.create()) {
            PreparedComponent prepared = KvGuest.prepare(engine, "kv-draft2", plugin);
            try (KvGuest g = new KvGuest(prepared, plugin, "acme", Map.of())) {
                WitValue bucket = g.open("");
                ok(g.call("set", bucket, s("k"), b("before")));
                ok(g.call("increment", bucket, s("n"), WitValue.s64(1)));
                WitValue cas = ok(g.call("cas-new", bucket, s("k")));

                server.close();
                assertThat(error(g.call("get", bucket, s("k")))).isEqualTo("other: store unavailable");
                assertThat(error(g.call("set", bucket, s("k"), b("during")))).isEqualTo("other: store unavailable");
                assertThat(error(g.call("increment", bucket, s("n"), WitValue.s64(1)))).isEqualTo("other: store unavailable");
                assertThat(error(g.call("set-many", bucket, WitValue.list(WitValue.tuple(s("x"), b("1"))))))
                        .isEqualTo("other: store unavailable");
                assertThat(error(g.call("cas-new", bucket, s("k")))).isEqualTo("other: store unavailable");
                // swap's error is cas-error.store-error(other("store unavailable")), exported as err(ok(error))
                WitValue.ResultValue swap = (WitValue.ResultValue) g.call("swap", cas, b("y")).payload().orElseThrow();
                assertThat(swap.ok()).as("store-error, not cas-failed").isTrue();
                assertThat(KvGuest.describe((WitValue.VariantValue) swap.payload().orElseThrow()))
                        .isEqualTo("other: store unavailable");
                assertThat(g.open("")).as("open needs no database").isNotNull();

                server = EmbeddedPostgres.start(dataDir, "nobody");
                assertThat(text(ok(g.call("get", bucket, s("k"))))).as("the failed write left nothing").isEqualTo("before");
                assertThat(text(ok(g.call("get", bucket, s("x"))))).isNull();
                assertThat(ok(g.call("increment", bucket, s("n"), WitValue.s64(1)))).isEqualTo(WitValue.s64(2));
                ok(g.call("set", bucket, s("k"), b("after")));
                assertThat(text(ok(g.call("get", bucket, s("k"))))).isEqualTo("after");
            }
        }
    }
}
