package dev.wharf.platform.keyvalue;

import static dev.wharf.wasi.keyvalue.KvGuest.b;
import static dev.wharf.wasi.keyvalue.KvGuest.ok;
import static dev.wharf.wasi.keyvalue.KvGuest.s;
import static dev.wharf.wasi.keyvalue.KvGuest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.Engine;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.engine.values.WitValue;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import dev.wharf.wasi.keyvalue.KeyValuePlugin;
import dev.wharf.wasi.keyvalue.KvGuest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code /v1/kv} over real HTTP on the embedded PostgreSQL: the same data guests see, per tenant, with problems. */
@TestPropertySource(properties = {"wharf.keyvalue.max-value-bytes=1024", "wharf.keyvalue.page-size=10",
        "wharf.keyvalue.max-tenant-bytes=20000"})
class KeyValueApiTest extends ApiTest {
    @Autowired
    DataSource dataSource;

    private Response put(String path, String token, String value) {
        return api.send("PUT", path, token, "text/plain", value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void putGetListDelete() {
        String key = api.createTenant(ADMIN, "kv-crud");
        assertThat(put("/v1/kv/default/greeting", key, "hello").status()).isEqualTo(204);
        Response got = api.get("/v1/kv/default/greeting", key);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.contentType()).isEqualTo("application/octet-stream");
        assertThat(got.body()).isEqualTo("hello");
        assertThat(put("/v1/kv/default/greeting", key, "again").status()).isEqualTo(204);
        assertThat(api.get("/v1/kv/default/greeting", key).body()).isEqualTo("again");
        assertThat(put("/v1/kv/default/a%2Fb", key, "slash").status()).isEqualTo(204);
        assertThat(api.get("/v1/kv/default/a%2Fb", key).body()).isEqualTo("slash");
        JsonNode list = api.get("/v1/kv/default", key).json();
        assertThat(list.get("keys").valueStream().map(JsonNode::asString).toList()).containsExactly("greeting", "a/b");
        assertThat(list.get("cursor").isNull()).isTrue();
        assertThat(api.delete("/v1/kv/default/greeting", key).status()).isEqualTo(204);
        assertThat(api.delete("/v1/kv/default/greeting", key).status()).isEqualTo(204);
        Response gone = api.get("/v1/kv/default/greeting", key);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.detail()).isEqualTo("no key 'greeting' in bucket 'default'");
    }

    @Test
    void listingPagesWithACursor() {
        String key = api.createTenant(ADMIN, "kv-pages");
        for (int i = 0; i < 25; i++) {
            assertThat(put("/v1/kv/cache/k" + i, key, "v").status()).isEqualTo(204);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/v1/kv/cache" + (cursor == null ? "" : "?cursor=" + cursor), key).json();
            assertThat(page.get("keys").size()).isLessThanOrEqualTo(10);
            page.get("keys").valueStream().forEach(k -> seen.add(k.asString()));
            cursor = page.get("cursor").isNull() ? null : page.get("cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(api.get("/v1/kv/cache?cursor=abc", key).status()).isEqualTo(400);
    }

    @Test
    void errorsAreProblems() {
        String key = api.createTenant(ADMIN, "kv-errors");
        Response anonymous = api.get("/v1/kv/default/x", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/v1/kv/default/x", ADMIN).status()).isEqualTo(403);
        Response badBucket = api.get("/v1/kv/Bad!/x", key);
        assertThat(badBucket.status()).isEqualTo(400);
        assertThat(badBucket.detail()).contains("is not a bucket name");
        Response tooLarge = put("/v1/kv/default/big", key, "x".repeat(1025));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.detail()).contains("larger than 1024 bytes");
        assertThat(api.get("/v1/kv/default/big", key).status()).isEqualTo(404);
        Response longKey = put("/v1/kv/default/" + "k".repeat(300), key, "v");
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.detail()).contains("the limit is 256");
        for (int i = 0; i < 19; i++) {
            assertThat(put("/v1/kv/default/fill" + i, key, "x".repeat(1000)).status()).isEqualTo(204);
        }
        Response full = put("/v1/kv/default/one-more", key, "x".repeat(1000));
        assertThat(full.status()).isEqualTo(507);
        assertThat(full.detail()).contains("the limit is 20000");
        assertThat(api.get("/v1/kv/default/one-more", key).status()).isEqualTo(404);
    }

    @Test
    void tenantsSeeOnlyTheirOwnBuckets() {
        String a = api.createTenant(ADMIN, "kv-tenant-a");
        String b = api.createTenant(ADMIN, "kv-tenant-b");
        assertThat(put("/v1/kv/shared/secret", a, "of a").status()).isEqualTo(204);
        assertThat(api.get("/v1/kv/shared/secret", b).status()).isEqualTo(404);
        assertThat(api.get("/v1/kv/shared", b).json().get("keys").size()).isZero();
        assertThat(api.delete("/v1/kv/shared/secret", b).status()).isEqualTo(204);
        assertThat(api.get("/v1/kv/shared/secret", a).body()).isEqualTo("of a");
    }

    @Test
    void operatorsAndGuestsShareTheData() {
        String key = api.createTenant(ADMIN, "kv-shared");
        KeyValuePlugin plugin = new KeyValuePlugin();
        plugin.init(PluginContext.of(Map.of(DataSource.class, dataSource), k -> null));
        try (Engine engine = Engine.create();
             KvGuest guest = new KvGuest(KvGuest.prepare(engine, "kv-draft2", plugin), plugin, "kv-shared", Map.of())) {
            WitValue bucket = guest.open("");
            ok(guest.call("increment", bucket, s("visits"), WitValue.s64(41)));
            assertThat(api.get("/v1/kv/default/visits", key).body()).isEqualTo("41");
            assertThat(put("/v1/kv/default/motd", key, "from the operator").status()).isEqualTo(204);
            assertThat(text(ok(guest.call("get", bucket, s("motd"))))).isEqualTo("from the operator");
            ok(guest.call("set", bucket, s("motd"), b("from the guest")));
            assertThat(api.get("/v1/kv/default/motd", key).body()).isEqualTo("from the guest");
        }
    }
}
