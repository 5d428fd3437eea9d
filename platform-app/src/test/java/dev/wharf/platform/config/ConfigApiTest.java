package dev.wharf.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The config REST API over real HTTP on a real PostgreSQL, with a secrets key configured. */
@TestPropertySource(properties = {"wharf.secrets.key=" + ConfigApiTest.KEY, "wharf.config.max-keys=4",
        "wharf.config.max-key-length=40", "wharf.config.max-value-bytes=100"})
@ExtendWith(OutputCaptureExtension.class)
class ConfigApiTest extends ApiTest {
    /** 32 bytes 0..31, base64. */
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String SECRET = "s3cr3t-hunter2-value";

    @Autowired
    JdbcClient jdbc;

    String acme;

    @BeforeEach
    void tenant() {
        acme = api.createTenant(ADMIN, "acme-" + System.nanoTime() % 1_000_000);
    }

    static String body(String value, boolean secret) {
        return "{\"value\":\"" + value + "\",\"secret\":" + secret + "}";
    }

    @Test
    void tenantLevelValuesArePutReadListedAndDeleted() {
        Response created = api.putJson("/v1/config/db.url", acme, body("postgres://db", false));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("key").asString()).isEqualTo("db.url");
        assertThat(created.json().get("value").asString()).isEqualTo("postgres://db");
        assertThat(created.json().get("level").asString()).isEqualTo("tenant");

        Response updated = api.putJson("/v1/config/db.url", acme, "{\"value\":\"postgres://db2\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(api.get("/v1/config/db.url", acme).json().get("value").asString()).isEqualTo("postgres://db2");
        assertThat(api.get("/v1/config", acme).json()).hasSize(1);

        assertThat(api.delete("/v1/config/db.url", acme).status()).isEqualTo(204);
        Response gone = api.get("/v1/config/db.url", acme);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.detail()).isEqualTo("no config key 'db.url' at the tenant level");
        assertThat(api.delete("/v1/config/db.url", acme).status()).isEqualTo(404);
    }

    @Test
    void appLevelValuesAreSeparateFromTenantLevelOnes() {
        assertThat(api.putJson("/v1/apps/shop/config/color", acme, body("red", false)).status()).isEqualTo(201);
        assertThat(api.putJson("/v1/config/color", acme, body("grey", false)).status()).isEqualTo(201);
        Response app = api.get("/v1/apps/shop/config/color", acme);
        assertThat(app.json().get("value").asString()).isEqualTo("red");
        assertThat(app.json().get("level").asString()).isEqualTo("app");
        assertThat(api.get("/v1/config/color", acme).json().get("value").asString()).isEqualTo("grey");
        assertThat(api.get("/v1/apps/blog/config/color", acme).status()).isEqualTo(404);
        assertThat(api.get("/v1/apps/blog/config", acme).json()).isEmpty();
        assertThat(api.delete("/v1/apps/shop/config/color", acme).status()).isEqualTo(204);
        assertThat(api.get("/v1/config/color", acme).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantSeesNothing() {
        api.putJson("/v1/config/token", acme, body("acme-only", false));
        api.putJson("/v1/apps/shop/config/token", acme, body("acme-shop-only", false));
        String other = api.createTenant(ADMIN, "other-" + System.nanoTime() % 1_000_000);
        assertThat(api.get("/v1/config/token", other).status()).isEqualTo(404);
        assertThat(api.get("/v1/config", other).json()).isEmpty();
        assertThat(api.get("/v1/apps/shop/config", other).json()).isEmpty();
        assertThat(api.delete("/v1/config/token", other).status()).isEqualTo(404);
        assertThat(api.get("/v1/config/token", acme).json().get("value").asString()).isEqualTo("acme-only");
    }

    @Test
    void secretsAreMaskedInEveryAnswerAndNeverLogged(CapturedOutput output) {
        Response put = api.putJson("/v1/apps/shop/config/api-key", acme, body(SECRET, true));
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().get("value").asString()).isEqualTo(ConfigEntry.MASK);
        assertThat(put.json().get("secret").asBoolean()).isTrue();
        Response one = api.get("/v1/apps/shop/config/api-key", acme);
        Response list = api.get("/v1/apps/shop/config", acme);
        Response bad = api.putJson("/v1/apps/shop/config/api-key", acme, "{\"value\":\"" + SECRET + "\",\"secret\":1}");
        Response broken = api.putJson("/v1/apps/shop/config/api-key", acme, "{\"value\": " + SECRET + "}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(broken.status()).isEqualTo(400);
        for (Response r : new Response[] {put, one, list, bad, broken}) {
            assertThat(r.body()).as(r.toString()).doesNotContain(SECRET);
        }
        assertThat(one.json().get("value").asString()).isEqualTo(ConfigEntry.MASK);
        assertThat(list.json().get(0).get("value").asString()).isEqualTo(ConfigEntry.MASK);
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void secretsAreEncryptedAtRestAndBoundToTheirRow() throws Exception {
        api.putJson("/v1/apps/shop/config/api-key", acme, body(SECRET, true));
        api.putJson("/v1/apps/shop/config/other-key", acme, body(SECRET, true));
        Map<String, Object> row = jdbc.sql("""
                SELECT c.tenant_id, c.value, c.ciphertext, c.nonce, c.key_id FROM config_values c
                WHERE c.app = 'shop' AND c.key = 'api-key' AND c.tenant_id = (SELECT id FROM tenants t
                    JOIN tenant_api_keys k ON k.tenant_id = t.id WHERE k.key_id = ?)""")
                .param(acme.substring(3, 19)).query().singleRow();
        assertThat(row.get("value")).isNull();
        byte[] ciphertext = (byte[]) row.get("ciphertext");
        byte[] nonce = (byte[]) row.get("nonce");
        assertThat(nonce).hasSize(12);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(ciphertext).hasSize(SECRET.length() + 16); // AES-GCM: same length as the plaintext plus the tag

        SecretCipher cipher = new SecretCipher(Base64.getDecoder().decode(KEY));
        assertThat(row.get("key_id")).isEqualTo(cipher.keyId());
        long tenantId = (Long) row.get("tenant_id");
        var sealed = new SecretCipher.Sealed(ciphertext, nonce, (String) row.get("key_id"));
        assertThat(cipher.open(sealed, SecretCipher.associatedData(tenantId, "shop", "api-key"))).isEqualTo(SECRET);
        // the same ciphertext under another row's associated data does not open
        assertThatThrownBy(() -> cipher.open(sealed, SecretCipher.associatedData(tenantId, "shop", "other-key")))
                .isInstanceOf(SecretCipher.UnsealException.class);
        assertThatThrownBy(() -> cipher.open(sealed, SecretCipher.associatedData(tenantId + 1, "shop", "api-key")))
                .isInstanceOf(SecretCipher.UnsealException.class);
        // two secrets with the same plaintext get different nonces and ciphertexts
        byte[] otherNonce = jdbc.sql("SELECT nonce FROM config_values WHERE tenant_id = ? AND key = 'other-key'")
                .param(tenantId).query(byte[].class).single();
        assertThat(otherNonce).isNotEqualTo(nonce);
    }

    @Test
    void invalidKeysAndValuesAreRejectedWithAReason() {
        Response badKey = api.putJson("/v1/config/bad%20key!", acme, body("v", false));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.contentType()).startsWith("application/problem+json");
        assertThat(badKey.detail()).isEqualTo("invalid config key 'bad key!': use letters, digits, '_', '.' and '-' only");
        Response longKey = api.putJson("/v1/config/" + "k".repeat(41), acme, body("v", false));
        assertThat(longKey.detail()).isEqualTo("config key is 41 characters long; the limit is 40");
        Response bigValue = api.putJson("/v1/config/big", acme, body("x".repeat(101), false));
        assertThat(bigValue.status()).isEqualTo(400);
        assertThat(bigValue.detail()).isEqualTo("config key 'big': the value is 101 bytes (UTF-8); the limit is 100");
        assertThat(api.putJson("/v1/config/n", acme, "{\"value\":42}").detail())
                .isEqualTo("field 'value' must be a string (configuration values are strings)");
        assertThat(api.putJson("/v1/config/n", acme, "{}").detail()).isEqualTo("field 'value' is required");
        assertThat(api.putJson("/v1/config/n", acme, "{\"value\":\"v\",\"ttl\":3}").detail())
                .isEqualTo("unknown field 'ttl'; allowed: value, secret");
        assertThat(api.putJson("/v1/config/n", acme, "[]").status()).isEqualTo(400);
        assertThat(api.send("PUT", "/v1/config/n", acme, "application/json", null).status()).isEqualTo(400);
        assertThat(api.putJson("/v1/apps/Bad_App/config/n", acme, body("v", false)).detail())
                .startsWith("invalid app name 'Bad_App'");
        assertThat(api.get("/v1/config", acme).json()).isEmpty();
    }

    @Test
    void eachLevelHoldsAtMostMaxKeys() {
        for (int i = 0; i < 4; i++) {
            assertThat(api.putJson("/v1/apps/shop/config/k" + i, acme, body("v", false)).status()).isEqualTo(201);
        }
        Response full = api.putJson("/v1/apps/shop/config/k4", acme, body("v", false));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.detail()).contains("app 'shop' already has 4 config keys");
        assertThat(api.putJson("/v1/apps/shop/config/k0", acme, body("replaced", false)).status()).isEqualTo(200);
        assertThat(api.putJson("/v1/apps/blog/config/k4", acme, body("v", false)).status()).isEqualTo(201);
        assertThat(api.putJson("/v1/config/k4", acme, body("v", false)).status()).isEqualTo(201);
    }

    @Test
    void routesNeedATenantKey() {
        assertThat(api.get("/v1/config", null).status()).isEqualTo(401);
        assertThat(api.putJson("/v1/config/k", "wk_nonsense", body("v", false)).status()).isEqualTo(401);
        Response admin = api.get("/v1/apps/shop/config", ADMIN);
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.detail()).isEqualTo("this route needs a tenant API key, not the admin token");
    }
}
