package dev.wharf.srctest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.WharfApplication;
import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real platform, as the deployment files expect it: the Grafana dashboard queries only metrics the app's
 * /actuator/prometheus really serves, Prometheus scrapes the path the app serves, and the probe groups are wired.
 */
@SpringBootTest(classes = WharfApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wharf.admin-token=" + RunningPlatformTest.ADMIN)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunningPlatformTest {
    static final String ADMIN = "deploy-test-admin-token";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthEndpointGroups healthGroups;

    @Autowired
    Environment env;

    ApiClient api;
    ApiClient management;
    Set<String> scrapedMetrics;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeAll
    void trafficThenScrape() throws Exception {
        api = new ApiClient(port);
        management = new ApiClient(managementPort);
        // Requests of every status class, so http_server_requests_seconds has series to scrape.
        assertThat(management.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/v1/tenants", null).status()).isEqualTo(401);
        String key = api.createTenant(ADMIN, "metrics");
        assertThat(api.get("/v1/tenants", ADMIN).status()).isEqualTo(200);
        assertThat(api.get("/no/such/path", null).status()).isEqualTo(404);
        // Apps that answer, trap and run out of time, so the gateway's series exist too.
        deploy(key, "hello", api.uploadReady(key, "hello-c.wasm"), 30_000);
        deploy(key, "boom", api.uploadReady(key, "trap-c.wasm"), 30_000);
        deploy(key, "spin", api.uploadReady(key, "loop-c.wasm"), 300);
        assertThat(api.get("/t/metrics/hello/", null).status()).isEqualTo(200);
        assertThat(api.get("/t/metrics/boom/", null).status()).isEqualTo(500);
        assertThat(api.get("/t/metrics/spin/", null).status()).isEqualTo(504);
        assertThat(api.get("/t/metrics/nope/", null).status()).isEqualTo(404);
        // Guests using the host plugins, so the keyvalue and config series exist too.
        deploy(key, "count", api.uploadReady(key, "kv-counter-c.wasm"), 30_000);
        deploy(key, "conf", api.uploadReady(key, "config-c.wasm"), 30_000);
        assertThat(api.get("/t/metrics/count/", null).body()).isEqualTo("1");
        assertThat(api.putJson("/v1/config/region", key, "{\"value\":\"eu\"}").status()).isEqualTo(201);
        assertThat(api.get("/t/metrics/conf/?key=region", null).body()).isEqualTo("eu");
        // A collection registers the GC pause timer (it appears after the first GC notification).
        System.gc();
        Thread.sleep(200);
        String body = management.get(prometheusPath(), null).body();
        // Kept for whoever edits the dashboard: the metric names and labels the app serves.
        Path dump = Repo.path("src-test/target/prometheus-scrape.txt");
        Files.createDirectories(dump.getParent());
        Files.writeString(dump, body);
        scrapedMetrics = metricNames(body);
    }

    private void deploy(String key, String app, String digest, int timeoutMs) {
        assertThat(api.putJson("/v1/apps/" + app, key, "{\"component\":\"" + digest + "\",\"limits\":{\"timeoutMs\":"
                + timeoutMs + "}}").status()).isEqualTo(201);
    }

    /** The scrape path from deploy/prometheus/prometheus.yml's wharf job. */
    @SuppressWarnings("unchecked")
    static String prometheusPath() {
        List<Map<String, Object>> jobs = Repo.at(Repo.yaml("deploy/prometheus/prometheus.yml"), "scrape_configs");
        return jobs.stream().filter(j -> "wharf".equals(j.get("job_name")))
                .map(j -> (String) j.get("metrics_path")).findFirst().orElseThrow();
    }

    /** Every metric name in a Prometheus text exposition: sample names and the # TYPE family names. */
    static Set<String> metricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(line);
                if (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "rate", "irate", "increase", "delta", "idelta",
            "deriv", "histogram_quantile", "clamp_min", "clamp_max", "abs", "ceil", "floor", "round", "label_replace",
            "label_join", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time",
            "last_over_time", "absent", "vector", "scalar", "time", "timestamp", "sort", "sort_desc", "inf", "nan");

    /** The metric names a PromQL expression selects (label matchers, ranges, grouping and functions removed). */
    static Set<String> metricsIn(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")   // string literals
                .replaceAll("\\{[^}]*}", " ")                          // label matchers
                .replaceAll("\\[[^]]*]", " ")                          // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", " ");   // Grafana variables
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(s);
        while (m.find()) {
            String word = m.group();
            if (!PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");

    static void collectExprs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("expr") && e.getValue().isString()) {
                    out.add(e.getValue().asString());
                } else if (e.getKey().equals("query") && e.getValue().isString()) {
                    // Template variables: label_values(<series selector>, <label>) queries the selector's metric.
                    Matcher m = LABEL_VALUES.matcher(e.getValue().asString());
                    if (m.matches()) {
                        out.add(m.group(1));
                    }
                } else {
                    collectExprs(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, out));
        }
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheAppServes() {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Repo.read("deploy/grafana/wharf.json"));
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard, exprs);
        assertThat(exprs).as("PromQL in the dashboard").hasSizeGreaterThan(10);
        Set<String> queried = new TreeSet<>();
        for (String expr : exprs) {
            Set<String> names = metricsIn(expr);
            assertThat(names).as("metrics in %s", expr).isNotEmpty();
            queried.addAll(names);
        }
        assertThat(scrapedMetrics).as("metrics served at /actuator/prometheus").containsAll(queried);
        assertThat(queried).contains("http_server_requests_seconds_bucket", "jvm_memory_used_bytes",
                "hikaricp_connections_active", "process_cpu_usage", "wharf_requests_seconds_bucket",
                "wharf_requests_in_flight", "wharf_traps_total", "wharf_deadline_kills_total",
                "wharf_compile_seconds_bucket", "wharf_compile_cache_total", "wharf_uploads_total",
                "wharf_upload_size_bytes_sum", "wharf_keyvalue_operations_seconds_count",
                "wharf_keyvalue_operations_seconds_sum", "wharf_keyvalue_operations_seconds_max",
                "wharf_config_reads_total");
    }

    @Test
    void metricNameExtractionSeesThroughPromQl() {
        assertThat(metricsIn("histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket"
                + "{job=\"wharf\", uri!~\"/actuator.*\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricsIn("sum(jvm_memory_used_bytes{area=\"heap\"}) / sum(jvm_memory_max_bytes{area=\"heap\"} > 0)"))
                .containsExactly("jvm_memory_max_bytes", "jvm_memory_used_bytes");
    }

    @Test
    void latencyHistogramsAreEnabledForServerRequests() {
        assertThat(scrapedMetrics).contains("http_server_requests_seconds_bucket");
    }

    @Test
    void readinessIncludesTheDatabaseAndLivenessDoesNot() {
        assertThat(healthGroups.get("readiness").isMember("db")).isTrue();
        assertThat(healthGroups.get("readiness").isMember("readinessState")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("db")).isFalse();
        assertThat(healthGroups.get("liveness").isMember("livenessState")).isTrue();
        assertThat(management.get("/actuator/health/readiness", null).body()).contains("\"status\":\"UP\"");
        assertThat(management.get("/actuator/health/liveness", null).body()).contains("\"status\":\"UP\"");
        assertThat(api.get("/actuator/health", null).status()).as("not on the main port").isEqualTo(404);
    }

    @Test
    void shutdownIsGracefulWithTheConfiguredGracePeriod() {
        assertThat(env.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(env.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("30s");
    }
}
