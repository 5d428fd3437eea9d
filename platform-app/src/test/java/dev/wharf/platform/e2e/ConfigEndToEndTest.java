package dev.wharf.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * wasi:config through the whole platform over real HTTP: config-c uploaded and deployed, values set through
 * {@code /v1/config} and {@code /v1/apps/{app}/config} (plain and secret), read by the guest at
 * {@code /t/{tenant}/{app}/...}; changes reach the next request without a redeploy.
 */
@TestPropertySource(properties = "wharf.secrets.key=" + ConfigEndToEndTest.SECRETS_KEY)
@ExtendWith(OutputCaptureExtension.class)
class ConfigEndToEndTest extends ApiTest {
    /** 32 bytes, base64. */
    static final String SECRETS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private String tenant;
    private String key;
    private String config;

    @BeforeEach
    void tenantWithApp() {
        tenant = "cf-" + Long.toHexString(System.nanoTime());
        key = api.createTenant(ADMIN, tenant);
        config = api.uploadReady(key, "config-c.wasm");
        Response r = api.putJson("/v1/apps/shop", key, "{\"component\":\"" + config + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private void put(String path, String value, boolean secret) {
        Response r = api.putJson(path, key, "{\"value\":\"" + value + "\",\"secret\":" + secret + "}");
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    private String guest(String tenantName, String app, String pathAndQuery) {
        Response r = api.get("/t/" + tenantName + "/" + app + pathAndQuery, null);
        return r.status() + " " + r.body();
    }

    @Test
    void theGuestReadsTheMergedViewAndSecrets(CapturedOutput output) {
        put("/v1/config/region", "eu-west", false);
        put("/v1/config/color", "grey", false);
        put("/v1/apps/shop/config/color", "red", false);
        put("/v1/apps/shop/config/api-token", "s3cr3t-e2e-value", true);
        assertThat(api.get("/v1/apps/shop/config/api-token", key).json().get("value").asString())
                .isEqualTo("********");

        assertThat(guest(tenant, "shop", "/?key=color")).isEqualTo("200 red");
        assertThat(guest(tenant, "shop", "/?key=region")).isEqualTo("200 eu-west");
        assertThat(guest(tenant, "shop", "/?key=api-token")).isEqualTo("200 s3cr3t-e2e-value");
        assertThat(guest(tenant, "shop", "/?key=unset")).isEqualTo("404 not found\n");
        assertThat(guest(tenant, "shop", "/all"))
                .isEqualTo("200 api-token=s3cr3t-e2e-value\ncolor=red\nregion=eu-west\n");
        assertThat(output.getAll()).as("the secret is never logged").doesNotContain("s3cr3t-e2e-value");
    }

    @Test
    void changesReachTheNextRequestWithoutARedeploy() {
        put("/v1/config/greeting", "hello", false);
        assertThat(guest(tenant, "shop", "/?key=greeting")).isEqualTo("200 hello");
        put("/v1/config/greeting", "bonjour", false);
        assertThat(guest(tenant, "shop", "/?key=greeting")).isEqualTo("200 bonjour");
        put("/v1/apps/shop/config/greeting", "hallo", false);
        assertThat(guest(tenant, "shop", "/?key=greeting")).as("the app's value overrides").isEqualTo("200 hallo");
        assertThat(api.delete("/v1/apps/shop/config/greeting", key).status()).isEqualTo(204);
        assertThat(guest(tenant, "shop", "/?key=greeting")).as("the tenant's again").isEqualTo("200 bonjour");
        assertThat(api.delete("/v1/config/greeting", key).status()).isEqualTo(204);
        assertThat(guest(tenant, "shop", "/?key=greeting")).isEqualTo("404 not found\n");
        assertThat(api.get("/v1/apps/shop", key).json().get("activeRevision").asInt()).as("never redeployed").isEqualTo(1);
    }

    @Test
    void anotherTenantsIdenticalAppSeesOnlyItsOwnValues() {
        String other = "cf-o-" + Long.toHexString(System.nanoTime());
        String otherKey = api.createTenant(ADMIN, other);
        api.uploadReady(otherKey, "config-c.wasm");
        assertThat(api.putJson("/v1/apps/shop", otherKey, "{\"component\":\"" + config + "\"}").status())
                .isEqualTo(201);
        put("/v1/config/who", "first", false);
        api.putJson("/v1/config/who", otherKey, "{\"value\":\"second\"}");
        api.putJson("/v1/apps/shop/config/only-other", otherKey, "{\"value\":\"x\",\"secret\":true}");
        assertThat(guest(tenant, "shop", "/all")).isEqualTo("200 who=first\n");
        assertThat(guest(other, "shop", "/all")).isEqualTo("200 only-other=x\nwho=second\n");
    }

    @Test
    void configTakesNoAppSettings() {
        Response r = api.putJson("/v1/apps/shop", key,
                "{\"component\":\"" + config + "\",\"config\":{\"region\":\"eu\"}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.detail()).startsWith("'config': 'config' takes no settings: set configuration values with PUT");
        assertThat(api.get("/v1/apps/shop", key).json().get("activeRevision").asInt()).as("not replaced").isEqualTo(1);
    }
}
