package dev.wharf.platform.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.WharfApplication;
import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zero-configuration default: with no database URL the platform starts its own PostgreSQL under
 * {@code wharf.data-dir}, generates and logs an admin token once, stops the server on shutdown, and a new start on
 * the same data directory finds tenants, components and apps again.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartTest {
    private static final Pattern TOKEN = Pattern.compile("Generated the admin token .*: (wa_[A-Za-z0-9_-]{43})");

    private final Path dataDir = TestDatabase.newDataDir("wharf-restart");

    @AfterEach
    void cleanUp() {
        TestDatabase.deleteTree(dataDir);
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(WharfApplication.class, "--server.port=0", "--management.server.port=0", "--wharf.data-dir=" + dataDir,
                "--wharf.admin-token=", "--wharf.database.url=", "--spring.datasource.url=");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void dataSurvivesARestartOnTheSameDataDir(CapturedOutput output) throws Exception {
        String admin;
        String key;
        String digest;
        long pgPid;
        try (ConfigurableApplicationContext first = start()) {
            Matcher m = TOKEN.matcher(output.getAll());
            assertThat(m.find()).as("the generated admin token is logged").isTrue();
            admin = m.group(1);
            ApiClient api = client(first);
            key = api.createTenant(admin, "keeper");
            digest = api.uploadFixture(key, "hello-c.wasm");
            assertThat(api.putJson("/v1/apps/site", key, "{\"component\":\"" + digest + "\",\"env\":{\"A\":\"1\"}}")
                    .status()).isEqualTo(201);
            assertThat(api.putJson("/v1/apps/site", key, "{\"component\":\"" + digest + "\"}").status()).isEqualTo(200);
            pgPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
            assertThat(ProcessHandle.of(pgPid)).isPresent();
        }
        assertThat(ProcessHandle.of(pgPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the embedded PostgreSQL stops with the context").isFalse();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("clean shutdown").doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres.password"))))
                .isEqualTo("rw-------");
        int printed = output.getAll().split("Generated the admin token", -1).length - 1;

        try (ConfigurableApplicationContext second = start()) {
            assertThat(output.getAll().split("Generated the admin token", -1).length - 1)
                    .as("the admin token is printed once, at the first start only").isEqualTo(printed);
            ApiClient api = client(second);
            Response tenants = api.get("/v1/tenants", admin);
            assertThat(tenants.status()).as("the generated admin token still works").isEqualTo(200);
            assertThat(tenants.json().findValuesAsString("name")).containsExactly("keeper");
            Response component = api.get("/v1/components/" + digest, key);
            assertThat(component.status()).isEqualTo(200);
            assertThat(component.json().get("size").asLong()).isEqualTo(ApiClient.fixture("hello-c.wasm").length);
            Response app = api.get("/v1/apps/site", key);
            assertThat(app.status()).isEqualTo(200);
            assertThat(app.json().get("activeRevision").asInt()).isEqualTo(2);
            assertThat(api.get("/v1/apps/site/revisions", key).json().size()).isEqualTo(2);
            assertThat(api.upload(key, ApiClient.fixture("hello-c.wasm")).status()).as("still idempotent").isEqualTo(200);
        }
    }
}
