package dev.wharf.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Rotating the secrets key on a real PostgreSQL: the platform runs with a new key and the old one in
 * {@code wharf.secrets.previous-keys}. Secrets sealed with the old key (written before the change) are still read by
 * guests; {@code POST /v1/admin/secrets/rotate} re-seals them under the new key, leaves alone what no key opens, and
 * changes nothing the second time.
 */
@TestPropertySource(properties = {"wharf.secrets.key=" + SecretsRotationTest.NEW_KEY,
        "wharf.secrets.previous-keys=" + ConfigApiTest.KEY})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsRotationTest extends ApiTest {
    static final String NEW_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    @Autowired
    ConfigStore store;

    @Autowired
    ConfigCache cache;

    @Autowired
    JdbcClient jdbc;

    ConfigGuests guests;

    @AfterAll
    void close() {
        if (guests != null) {
            guests.close();
        }
    }

    private static SecretCipher cipher(String base64) {
        return new SecretCipher(Base64.getDecoder().decode(base64));
    }

    /** Stores a secret the way a platform with {@code sealer}'s key did. */
    private void storeSealed(long tenantId, String app, String key, String value, SecretCipher sealer) {
        ConfigScope scope = app.isEmpty() ? ConfigScope.tenant(tenantId) : ConfigScope.app(tenantId, app);
        store.put(scope, key, null, sealer.seal(value, SecretCipher.associatedData(tenantId, app, key)), 100);
    }

    private List<Map<String, Object>> rows(long tenantId) {
        return jdbc.sql("SELECT app, key, key_id, nonce, updated_at FROM config_values WHERE tenant_id = ? AND secret"
                + " ORDER BY app, key").param(tenantId).query().listOfRows();
    }

    @Test
    void oldSecretsStayReadableAreResealedUnderTheNewKeyAndWhatNoKeyOpensIsReported() throws Exception {
        String tenant = "rotating";
        String tenantKey = api.createTenant(ADMIN, tenant);
        long tenantId = jdbc.sql("SELECT id FROM tenants WHERE name = ?").param(tenant).query(Long.class).single();
        SecretCipher oldKey = cipher(ConfigApiTest.KEY);
        SecretCipher newKey = cipher(NEW_KEY);
        SecretCipher unknownKey = cipher("QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=");
        storeSealed(tenantId, "", "db-password", "old tenant secret", oldKey);
        storeSealed(tenantId, "shop", "token", "old app secret", oldKey);
        // in another app, whose get-all it would fail (docs/config.md)
        storeSealed(tenantId, "legacy", "lost", "sealed with a key nobody has", unknownKey);
        Response fresh = api.putJson("/v1/apps/shop/config/fresh", tenantKey, "{\"value\":\"new secret\",\"secret\":true}");
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
        guests = new ConfigGuests(cache);

        // before the rotation: the old key still opens its secrets, the new one seals new ones
        assertThat(guests.http(tenant, "shop", "/?key=db-password")).isEqualTo("200 old tenant secret");
        assertThat(guests.http(tenant, "shop", "/?key=token")).isEqualTo("200 old app secret");
        assertThat(guests.http(tenant, "shop", "/?key=fresh")).isEqualTo("200 new secret");
        Response status = api.get("/v1/admin/secrets", ADMIN);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        JsonNode before = status.json();
        assertThat(before.get("currentKey").asString()).isEqualTo(newKey.keyId());
        assertThat(before.get("previousKeys").get(0).asString()).isEqualTo(oldKey.keyId());
        assertThat(before.get("secretsByKey").get(oldKey.keyId()).asLong()).isEqualTo(2);
        assertThat(before.get("secretsByKey").get(newKey.keyId()).asLong()).isEqualTo(1);
        assertThat(before.get("secretsByKey").get(unknownKey.keyId()).asLong()).isEqualTo(1);
        List<Map<String, Object>> rowsBefore = rows(tenantId);

        Response rotated = api.postJson("/v1/admin/secrets/rotate", ADMIN, "");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        JsonNode report = rotated.json();
        assertThat(report.get("resealed").asInt()).isEqualTo(2);
        assertThat(report.get("secretsByKey").get(newKey.keyId()).asLong()).isEqualTo(3);
        assertThat(report.get("secretsByKey").has(oldKey.keyId())).isFalse();
        JsonNode unreadable = report.get("unreadable");
        assertThat(unreadable).hasSize(1);
        assertThat(unreadable.get(0).get("tenant").asString()).isEqualTo(tenant);
        assertThat(unreadable.get(0).get("app").asString()).isEqualTo("legacy");
        assertThat(unreadable.get(0).get("key").asString()).isEqualTo("lost");
        assertThat(unreadable.get(0).get("keyId").asString()).isEqualTo(unknownKey.keyId());
        assertThat(rotated.body()).doesNotContain("old tenant secret", "old app secret", "nobody has");

        // the rows: re-sealed ones have the new key id and a new nonce, and keep their updated_at
        List<Map<String, Object>> rowsAfter = rows(tenantId);
        for (int i = 0; i < rowsAfter.size(); i++) {
            Map<String, Object> was = rowsBefore.get(i);
            Map<String, Object> now = rowsAfter.get(i);
            assertThat(now.get("updated_at")).isEqualTo(was.get("updated_at"));
            if (oldKey.keyId().equals(was.get("key_id"))) {
                assertThat(now.get("key_id")).as(now.toString()).isEqualTo(newKey.keyId());
                assertThat((byte[]) now.get("nonce")).isNotEqualTo((byte[]) was.get("nonce"));
            } else {
                assertThat((byte[]) now.get("nonce")).as(now.toString()).isEqualTo((byte[]) was.get("nonce"));
            }
        }
        // and guests read the same values, now opened with the new key alone
        assertThat(guests.http(tenant, "shop", "/?key=db-password")).isEqualTo("200 old tenant secret");
        assertThat(guests.http(tenant, "shop", "/?key=token")).isEqualTo("200 old app secret");
        // a secret written meanwhile by a replica still sealing with the old key: the next rotation picks it up
        storeSealed(tenantId, "", "check", "x", oldKey);
        assertThat(api.postJson("/v1/admin/secrets/rotate", ADMIN, "").json().get("resealed").asInt()).isEqualTo(1);
        assertThat(newKey.open(store.find(ConfigScope.tenant(tenantId), "db-password").orElseThrow().sealed(),
                SecretCipher.associatedData(tenantId, "", "db-password"))).isEqualTo("old tenant secret");

        // nothing left to do: a second rotation re-seals nothing
        JsonNode again = api.postJson("/v1/admin/secrets/rotate", ADMIN, "").json();
        assertThat(again.get("resealed").asInt()).isZero();
        assertThat(again.get("unreadable")).hasSize(1);
    }

    @Test
    void theRoutesNeedTheAdminToken() {
        String tenantKey = api.createTenant(ADMIN, "notadmin");
        assertThat(api.get("/v1/admin/secrets", null).status()).isEqualTo(401);
        assertThat(api.postJson("/v1/admin/secrets/rotate", tenantKey, "").status()).isEqualTo(403);
    }
}
