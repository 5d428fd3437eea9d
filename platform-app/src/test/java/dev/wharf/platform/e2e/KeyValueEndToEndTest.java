package dev.wharf.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wasi:keyvalue through the whole platform over real HTTP: kv-counter-c uploaded, compiled in the background,
 * deployed with keyvalue settings, and called at {@code /t/{tenant}/{app}/...}; the same data through
 * {@code /v1/kv}; tenants apart; bucket settings enforced at deployment and at {@code open}.
 */
class KeyValueEndToEndTest extends ApiTest {
    private String tenant;
    private String key;
    private String counter;

    @BeforeEach
    void tenantWithCounter() {
        tenant = "kv-" + Long.toHexString(System.nanoTime());
        key = api.createTenant(ADMIN, tenant);
        counter = api.uploadReady(key, "kv-counter-c.wasm");
    }

    private void deploy(String token, String app, String json) {
        Response r = api.putJson("/v1/apps/" + app, token, json);
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    private Response call(String path) {
        return api.get(path, null);
    }

    @Test
    void theCounterCountsExactlyAlsoUnderConcurrentRequests() throws Exception {
        deploy(key, "count", "{\"component\":\"" + counter + "\",\"keyvalue\":{\"buckets\":[\"default\"]}}");
        String path = "/t/" + tenant + "/count/hits";
        Response first = call(path);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("1");
        assertThat(first.raw().headers().firstValue("x-kv-previous")).hasValue("none");
        Response second = call(path);
        assertThat(second.body()).isEqualTo("2");
        assertThat(second.raw().headers().firstValue("x-kv-previous")).hasValue("1");

        int n = 40;
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> call(path)));
            }
        }
        List<Long> values = new ArrayList<>();
        for (Future<Response> f : answers) {
            Response r = f.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            values.add(Long.parseLong(r.body()));
        }
        assertThat(values).as("each concurrent increment saw its own value")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(3, n + 2).boxed().toList());

        Response stored = api.get("/v1/kv/default/hits", key);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).as("counters are decimal text").isEqualTo(Long.toString(n + 2));
        assertThat(api.get("/v1/kv/default", key).json().get("keys").toString()).contains("\"hits\"");
    }

    @Test
    void aValueSetThroughTheApiIsSeenByTheGuest() {
        deploy(key, "count", "{\"component\":\"" + counter + "\"}");
        Response put = api.send("PUT", "/v1/kv/default/visits", key, "text/plain",
                "41".getBytes(StandardCharsets.UTF_8));
        assertThat(put.status()).isEqualTo(204);
        Response r = call("/t/" + tenant + "/count/visits");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("x-kv-previous")).hasValue("41");
        assertThat(r.body()).isEqualTo("42");

        api.delete("/v1/kv/default/visits", key);
        assertThat(call("/t/" + tenant + "/count/visits").body()).as("deleted through the API").isEqualTo("1");

        api.send("PUT", "/v1/kv/default/visits", key, "text/plain", "not a number".getBytes(StandardCharsets.UTF_8));
        Response bad = call("/t/" + tenant + "/count/visits");
        assertThat(bad.status()).isEqualTo(500);
        assertThat(bad.body()).as("a guest-visible error, not a trap").startsWith("keyvalue error 2: ")
                .contains("not a counter");
        assertThat(api.get("/v1/kv/default/visits", key).body()).as("left unchanged").isEqualTo("not a number");
    }

    @Test
    void anotherTenantsIdenticalAppHasItsOwnCounter() {
        String otherTenant = "kv-o-" + Long.toHexString(System.nanoTime());
        String otherKey = api.createTenant(ADMIN, otherTenant);
        String sameDigest = api.uploadReady(otherKey, "kv-counter-c.wasm");
        assertThat(sameDigest).isEqualTo(counter);
        deploy(key, "count", "{\"component\":\"" + counter + "\"}");
        deploy(otherKey, "count", "{\"component\":\"" + counter + "\"}");

        for (int i = 1; i <= 3; i++) {
            assertThat(call("/t/" + tenant + "/count/").body()).isEqualTo(Integer.toString(i));
        }
        assertThat(call("/t/" + otherTenant + "/count/").body()).isEqualTo("1");
        assertThat(api.get("/v1/kv/default/counter", key).body()).isEqualTo("3");
        assertThat(api.get("/v1/kv/default/counter", otherKey).body()).isEqualTo("1");
    }

    @Test
    void anAppOfTheSameTenantBoundToTheSameBucketSharesIt() {
        deploy(key, "a", "{\"component\":\"" + counter + "\"}");
        deploy(key, "b", "{\"component\":\"" + counter + "\",\"keyvalue\":{\"buckets\":[\"default\",\"x\"]}}");
        assertThat(call("/t/" + tenant + "/a/shared").body()).isEqualTo("1");
        assertThat(call("/t/" + tenant + "/b/shared").body()).isEqualTo("2");
    }

    @Test
    void aBucketTheAppIsNotBoundToIsAccessDenied() {
        deploy(key, "locked", "{\"component\":\"" + counter + "\",\"keyvalue\":{\"buckets\":[\"sessions\"]}}");
        Response r = call("/t/" + tenant + "/locked/");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).as("access-denied is case 1").isEqualTo("keyvalue error 1\n");
        assertThat(api.get("/v1/kv/default/counter", key).status()).as("nothing written").isEqualTo(404);
    }

    @Test
    void badKeyvalueSettingsAre422WithThePluginsReason() {
        Response notAList = api.putJson("/v1/apps/bad", key,
                "{\"component\":\"" + counter + "\",\"keyvalue\":{\"buckets\":\"default\"}}");
        assertThat(notAList.status()).isEqualTo(422);
        assertThat(notAList.contentType()).isEqualTo("application/problem+json");
        assertThat(notAList.detail()).isEqualTo("'keyvalue': keyvalue.buckets must be a list of bucket names");

        Response badName = api.putJson("/v1/apps/bad", key,
                "{\"component\":\"" + counter + "\",\"keyvalue\":{\"buckets\":[\"Not/A/Name\"]}}");
        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.detail()).contains("invalid bucket name(s) [Not/A/Name]");

        Response unknown = api.putJson("/v1/apps/bad", key,
                "{\"component\":\"" + counter + "\",\"keyvalue\":{\"bucket\":[\"default\"]}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.detail()).contains("unknown setting 'bucket'");
        assertThat(api.get("/v1/apps/bad", key).status()).as("nothing stored").isEqualTo(404);
    }
}
