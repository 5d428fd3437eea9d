package dev.wharf.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The host plugins' metrics on the real Prometheus scrape: guests' keyvalue operations by tenant, operation and
 * outcome (count, time, errors) and config reads by tenant, function and result, counted exactly.
 */
class PluginMetricsTest extends ApiTest {
    @LocalManagementPort
    int managementPort;

    @Test
    void keyvalueAndConfigOperationsAreCountedByTenant() {
        String tenant = "m-" + Long.toHexString(System.nanoTime());
        String key = api.createTenant(ADMIN, tenant);
        String counter = api.uploadReady(key, "kv-counter-c.wasm");
        String config = api.uploadReady(key, "config-c.wasm");
        assertThat(api.putJson("/v1/apps/count", key, "{\"component\":\"" + counter + "\"}").status()).isEqualTo(201);
        assertThat(api.putJson("/v1/apps/locked", key,
                "{\"component\":\"" + counter + "\",\"keyvalue\":{\"buckets\":[\"other\"]}}").status()).isEqualTo(201);
        assertThat(api.putJson("/v1/apps/conf", key, "{\"component\":\"" + config + "\"}").status()).isEqualTo(201);

        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/t/" + tenant + "/count/", null).status()).isEqualTo(200);
        }
        assertThat(api.get("/t/" + tenant + "/locked/", null).status()).as("access-denied").isEqualTo(500);
        api.send("PUT", "/v1/kv/default/text", key, "text/plain", "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(api.get("/t/" + tenant + "/count/text", null).body()).contains("not a counter");

        api.putJson("/v1/config/region", key, "{\"value\":\"eu\"}");
        assertThat(api.get("/t/" + tenant + "/conf/?key=region", null).status()).isEqualTo(200);
        assertThat(api.get("/t/" + tenant + "/conf/?key=region", null).status()).isEqualTo(200);
        assertThat(api.get("/t/" + tenant + "/conf/?key=none", null).status()).isEqualTo(404);
        assertThat(api.get("/t/" + tenant + "/conf/all", null).status()).isEqualTo(200);

        String scrape = new ApiClient(managementPort).get("/actuator/prometheus", null).body();
        String t = "tenant=\"" + tenant + "\"";
        String kv = "wharf_keyvalue_operations_seconds_count";
        assertThat(sample(scrape, kv, t, "op=\"open\"", "outcome=\"ok\"")).isEqualTo(4);
        assertThat(sample(scrape, kv, t, "op=\"open\"", "outcome=\"access-denied\"")).isEqualTo(1);
        assertThat(sample(scrape, kv, t, "op=\"get\"", "outcome=\"ok\"")).isEqualTo(4);
        assertThat(sample(scrape, kv, t, "op=\"increment\"", "outcome=\"ok\"")).isEqualTo(3);
        assertThat(sample(scrape, kv, t, "op=\"increment\"", "outcome=\"not-a-counter\"")).isEqualTo(1);
        assertThat(sample(scrape, "wharf_keyvalue_operations_seconds_sum", t, "op=\"increment\"", "outcome=\"ok\""))
                .isPositive();
        assertThat(sample(scrape, kv, t, "op=\"set\"")).as("the REST API is not a guest").isZero();

        String reads = "wharf_config_reads_total";
        assertThat(sample(scrape, reads, t, "function=\"get\"", "result=\"found\"")).isEqualTo(2);
        assertThat(sample(scrape, reads, t, "function=\"get\"", "result=\"absent\"")).isEqualTo(1);
        assertThat(sample(scrape, reads, t, "function=\"get-all\"", "result=\"ok\"")).isEqualTo(1);
    }

    /** The sum of the samples of {@code metric} whose labels contain all of {@code labels}. */
    static double sample(String scrape, String metric, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
