package dev.wharf.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.platform.testing.ApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * What guests read: values set through the REST API, read by the config-c fixture (wasi:http +
 * wasi:config/store@0.2.0-rc.1) and the WAT probes of the other interface names, through the platform's cache on
 * a real PostgreSQL.
 */
@TestPropertySource(properties = "wharf.secrets.key=" + ConfigApiTest.KEY)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ConfigGuestTest extends ApiTest {
    @Autowired
    ConfigCache cache;

    ConfigGuests guests;
    String tenant;
    String key;

    @BeforeEach
    void setUp() {
        if (guests == null) {
            guests = new ConfigGuests(cache);
        }
        tenant = "t" + System.nanoTime() % 100_000_000;
        key = api.createTenant(ADMIN, tenant);
    }

    @AfterAll
    void close() {
        if (guests != null) {
            guests.close();
        }
    }

    void put(String path, String value, boolean secret) {
        var r = api.putJson(path, key, "{\"value\":\"" + value + "\",\"secret\":" + secret + "}");
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    @Test
    void anAppsValueOverridesItsTenants() {
        put("/v1/config/region", "eu-west", false);
        put("/v1/config/color", "grey", false);
        put("/v1/apps/shop/config/color", "red", false);
        put("/v1/apps/shop/config/size", "xl", false);
        assertThat(guests.http(tenant, "shop", "/?key=color")).isEqualTo("200 red");
        assertThat(guests.http(tenant, "shop", "/?key=region")).isEqualTo("200 eu-west");
        assertThat(guests.http(tenant, "shop", "/?key=nothing")).isEqualTo("404 not found\n");
        assertThat(guests.http(tenant, "shop", "/all")).isEqualTo("200 color=red\nregion=eu-west\nsize=xl\n");
    }

    @Test
    void aGuestSeesOnlyItsOwnAppAndTenant() {
        put("/v1/config/shared", "tenant-wide", false);
        put("/v1/apps/shop/config/only-shop", "shop", false);
        put("/v1/apps/blog/config/only-blog", "blog", false);
        String other = "o" + System.nanoTime() % 100_000_000;
        String otherKey = api.createTenant(ADMIN, other);
        api.putJson("/v1/apps/shop/config/only-other", otherKey, "{\"value\":\"other tenant\"}");

        assertThat(guests.http(tenant, "shop", "/all")).isEqualTo("200 only-shop=shop\nshared=tenant-wide\n");
        assertThat(guests.http(tenant, "blog", "/all")).isEqualTo("200 only-blog=blog\nshared=tenant-wide\n");
        assertThat(guests.http(tenant, "blog", "/?key=only-shop")).isEqualTo("404 not found\n");
        assertThat(guests.http(other, "shop", "/all")).isEqualTo("200 only-other=other tenant\n");
        assertThat(guests.http(other, "shop", "/?key=shared")).isEqualTo("404 not found\n");
        assertThat(guests.http("no-such-tenant", "shop", "/all")).isEqualTo("200 ");
    }

    @Test
    void aChangeIsSeenByTheNextRequestWithoutRedeploying() {
        put("/v1/apps/shop/config/color", "red", false);
        assertThat(guests.http(tenant, "shop", "/?key=color")).isEqualTo("200 red");
        put("/v1/apps/shop/config/color", "blue", false);
        assertThat(guests.http(tenant, "shop", "/?key=color")).isEqualTo("200 blue");
        put("/v1/config/color", "tenant-grey", false);
        assertThat(api.delete("/v1/apps/shop/config/color", key).status()).isEqualTo(204);
        assertThat(guests.http(tenant, "shop", "/?key=color")).isEqualTo("200 tenant-grey");
        assertThat(api.delete("/v1/config/color", key).status()).isEqualTo(204);
        assertThat(guests.http(tenant, "shop", "/?key=color")).isEqualTo("404 not found\n");
    }

    @Test
    void aRequestKeepsOneSnapshotWhileValuesChange() {
        put("/v1/apps/shop/config/color", "red", false);
        try (ComponentInstance probe = guests.probe("config-store-rc1", tenant, "shop")) {
            assertThat(ConfigGuests.get(probe, "color")).isEqualTo("0 red");
            put("/v1/apps/shop/config/color", "blue", false);
            put("/v1/apps/shop/config/added", "later", false);
            assertThat(ConfigGuests.get(probe, "color")).isEqualTo("0 red");
            assertThat(ConfigGuests.get(probe, "added")).isEqualTo("1 ");
        }
        try (ComponentInstance next = guests.probe("config-store-rc1", tenant, "shop")) {
            assertThat(ConfigGuests.get(next, "color")).isEqualTo("0 blue");
        }
    }

    @Test
    void aGuestReadsSecretsLikeAnyValueAndTheyAreNeverLogged(CapturedOutput output) {
        String secret = "pa55-w0rd-for-the-guest";
        put("/v1/config/db-password", secret, true);
        assertThat(guests.http(tenant, "shop", "/?key=db-password")).isEqualTo("200 " + secret);
        assertThat(guests.http(tenant, "shop", "/all")).isEqualTo("200 db-password=" + secret + "\n");
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"config-store-draft", "config-store-rc1", "config-store-spin", "config-runtime-draft"})
    void everyInterfaceNameReadsThePlatformsValues(String probe) {
        put("/v1/config/greeting", "hello", false);
        put("/v1/apps/shop/config/greeting", "hello from shop", false);
        put("/v1/apps/shop/config/token", "t0k3n", true);
        try (ComponentInstance instance = guests.probe(probe, tenant, "shop")) {
            assertThat(ConfigGuests.get(instance, "greeting")).isEqualTo("0 hello from shop");
            assertThat(ConfigGuests.get(instance, "token")).isEqualTo("0 t0k3n");
            assertThat(ConfigGuests.get(instance, "missing")).isEqualTo("1 ");
        }
        try (ComponentInstance instance = guests.probe(probe, tenant, "blog")) {
            assertThat(ConfigGuests.get(instance, "greeting")).isEqualTo("0 hello");
            assertThat(ConfigGuests.get(instance, "token")).isEqualTo("1 ");
        }
    }
}
