package dev.wharf.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.wharf.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform boots on its embedded defaults and answers over real loopback HTTP; actuator (probes, metrics) is on
 * the management port only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformStartsTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return get(port, path);
    }

    private HttpResponse<String> management(String path) throws Exception {
        return get(managementPort, path);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void actuatorIsOnTheManagementPortOnly() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = management("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void livenessAndReadinessProbesExist() throws Exception {
        assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusScrapeServesJvmMetrics() throws Exception {
        HttpResponse<String> response = management("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void unknownPathIs404NotAStackTrace() throws Exception {
        HttpResponse<String> response = get("/no/such/thing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("at dev.wharf").doesNotContain("Exception");
    }
}
