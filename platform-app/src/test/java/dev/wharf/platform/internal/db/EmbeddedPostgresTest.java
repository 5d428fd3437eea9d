package dev.wharf.platform.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The launcher's own behaviour: a working server, and clear errors when it cannot start one. */
class EmbeddedPostgresTest {

    private static boolean root() throws Exception {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    @Test
    void serverListensOnLoopbackWithPasswordAuthentication() throws Exception {
        EmbeddedPostgres pg = TestDatabase.server();
        assertThat(pg.jdbcUrl("postgres")).startsWith("jdbc:postgresql://127.0.0.1:" + pg.port() + "/");
        try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
             var rs = c.createStatement().executeQuery("SELECT current_setting('listen_addresses'), "
                     + "current_setting('password_encryption'), current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
            assertThat(rs.getString(2)).isEqualTo("scram-sha-256");
            assertThat(rs.getString(3)).isEqualTo("postgres");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "wrong"))
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void unknownUnprivilegedUserIsAClearError() throws Exception {
        assumeTrue(root(), "only as root is PostgreSQL run as another user");
        Path dir = TestDatabase.newDataDir("wharf-pg-nouser");
        try {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dir, "no-such-user-here"))
                    .isInstanceOf(EmbeddedPostgres.EmbeddedPostgresException.class)
                    .hasMessageContaining("Cannot start the embedded PostgreSQL under " + dir)
                    .hasMessageContaining("no-such-user-here");
        } finally {
            TestDatabase.deleteTree(dir);
        }
    }

    @Test
    void dataDirTheUnprivilegedUserCannotEnterIsAClearError() throws Exception {
        assumeTrue(root(), "only as root is PostgreSQL run as another user");
        Path parent = TestDatabase.newDataDir("wharf-pg-closed");
        try {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
            assertThatThrownBy(() -> EmbeddedPostgres.start(parent.resolve("data"), "nobody"))
                    .isInstanceOf(EmbeddedPostgres.EmbeddedPostgresException.class)
                    .hasMessageContaining("PostgreSQL runs as user 'nobody', who cannot enter " + parent)
                    .hasMessageContaining("chmod o+x");
        } finally {
            TestDatabase.deleteTree(parent);
        }
    }
}
