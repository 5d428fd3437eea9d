package dev.wharf.platform.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a tenant's apps write to stdout and stderr, read back through {@code GET /v1/apps/{app}/logs}: real requests to
 * the stdio-c fixture, lines stored in PostgreSQL by the background writer, only the tenant's own, followable with
 * {@code after}, and each app kept to its newest {@code wharf.logs.max-lines-per-app} lines.
 */
@TestPropertySource(properties = {"wharf.logs.max-lines-per-app=6", "wharf.logs.flush-every=50ms"})
class AppLogsTest extends ApiTest {

    private void deploy(String key, String app) {
        String digest = api.uploadReady(key, "stdio-c.wasm");
        Response r = api.putJson("/v1/apps/" + app, key, "{\"component\":\"" + digest + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Polls (up to 10 s) until the app's logs hold at least {@code count} lines after {@code after}. */
    private JsonNode awaitLines(String key, String app, Long after, int count) throws InterruptedException {
        String query = "/v1/apps/" + app + "/logs" + (after == null ? "" : "?after=" + after);
        JsonNode body = null;
        for (int i = 0; i < 200; i++) {
            Response r = api.get(query, key);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            body = r.json();
            if (body.get("lines").size() >= count) {
                return body;
            }
            Thread.sleep(50);
        }
        return body;
    }

    private static List<String> texts(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("lines").forEach(l -> out.add(l.get("stream").asString() + " " + l.get("line").asString()));
        return out;
    }

    @Test
    void aTenantReadsWhatItsAppWroteFollowsItAndSeesNoOneElses() throws Exception {
        String key = api.createTenant(ADMIN, "loud");
        String other = api.createTenant(ADMIN, "quiet");
        deploy(key, "printer");
        deploy(other, "printer");

        assertThat(api.get("/t/loud/printer/", null).status()).isEqualTo(200);
        JsonNode first = awaitLines(key, "printer", null, 3);
        // in the order written on each stream (the two streams interleave as the guest's buffers flush)
        assertThat(texts(first)).containsExactlyInAnyOrder("stdout stdio-c: line 1 to stdout",
                "stdout stdio-c: line 2 to stdout", "stderr stdio-c: line 1 to stderr");
        assertThat(texts(first).stream().filter(l -> l.startsWith("stdout"))).containsExactly(
                "stdout stdio-c: line 1 to stdout", "stdout stdio-c: line 2 to stdout");
        assertThat(first.get("lines").get(0).get("at").asString()).isNotEmpty();
        long last = first.get("last").asLong();

        // following: only what came after
        assertThat(api.get("/t/loud/printer/", null).status()).isEqualTo(200);
        JsonNode next = awaitLines(key, "printer", last, 3);
        assertThat(texts(next)).hasSize(3).contains("stdout stdio-c: line 1 to stdout");
        assertThat(next.get("lines").get(0).get("id").asLong()).isGreaterThan(last);

        // the other tenant's app of the same name wrote nothing, and its key shows only its own
        Response others = api.get("/v1/apps/printer/logs", other);
        assertThat(others.status()).as(others.toString()).isEqualTo(200);
        assertThat(others.json().get("lines")).as(others.toString()).isEmpty();

        // kept to the newest 6 lines
        assertThat(api.get("/t/loud/printer/", null).status()).isEqualTo(200);
        awaitLines(key, "printer", next.get("last").asLong(), 3);
        JsonNode all = api.get("/v1/apps/printer/logs?limit=1000", key).json();
        assertThat(all.get("lines")).hasSize(6);
    }

    @Test
    void badQueriesGetAReasonAndTheRouteNeedsATenantKey() {
        String key = api.createTenant(ADMIN, "logs-bad");
        assertThat(api.get("/v1/apps/printer/logs?limit=0", key).status()).isEqualTo(400);
        assertThat(api.get("/v1/apps/printer/logs?limit=1001", key).status()).isEqualTo(400);
        assertThat(api.get("/v1/apps/printer/logs?after=-1", key).status()).isEqualTo(400);
        assertThat(api.get("/v1/apps/Bad_Name/logs", key).status()).isEqualTo(400);
        assertThat(api.get("/v1/apps/printer/logs", null).status()).isEqualTo(401);
        assertThat(api.get("/v1/apps/printer/logs", ADMIN).status()).isEqualTo(403);
    }
}
