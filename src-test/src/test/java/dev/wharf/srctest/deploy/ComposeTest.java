package dev.wharf.srctest.deploy;

import static dev.wharf.srctest.deploy.Repo.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/compose.yaml and the Prometheus/Grafana files it mounts fit together and fit the app (no docker here). */
class ComposeTest {

    static final Map<String, Object> COMPOSE = Repo.yaml("deploy/compose.yaml");

    static Map<String, Object> service(String name) {
        Map<String, Object> service = at(COMPOSE, "services." + name);
        assertThat(service).as("service %s", name).isNotNull();
        return service;
    }

    @Test
    void hasTheFourServicesEachWithAHealthcheck() {
        Map<String, Object> services = at(COMPOSE, "services");
        assertThat(services).containsOnlyKeys("postgres", "wharf", "prometheus", "grafana");
        for (String name : services.keySet()) {
            assertThat((Object) at(service(name), "healthcheck.test")).as("%s healthcheck", name).isNotNull();
        }
        assertThat((String) at(service("postgres"), "image")).startsWith("postgres:17");
        assertThat(at(service("postgres"), "healthcheck.test").toString()).contains("pg_isready");
    }

    @Test
    void servicesStartInDependencyOrderOnHealthyDependencies() {
        assertThat((Object) at(service("wharf"), "depends_on.postgres.condition")).isEqualTo("service_healthy");
        assertThat((Object) at(service("prometheus"), "depends_on.wharf.condition")).isEqualTo("service_healthy");
        assertThat((Object) at(service("grafana"), "depends_on.prometheus.condition")).isEqualTo("service_healthy");
    }

    @Test
    void wharfIsBuiltFromTheDockerfileAndUsesThePostgresService() {
        Map<String, Object> wharf = service("wharf");
        assertThat((Object) at(wharf, "build.context")).isEqualTo("..");
        assertThat((Object) at(wharf, "build.dockerfile")).isEqualTo("deploy/Dockerfile");
        assertThat(Files.isRegularFile(Repo.path("deploy").resolve((String) at(wharf, "build.context"))
                .resolve((String) at(wharf, "build.dockerfile")))).isTrue();
        Map<String, Object> env = at(wharf, "environment");
        assertThat((String) env.get("WHARF_DATABASE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/"
                + at(service("postgres"), "environment.POSTGRES_DB"));
        assertThat((Object) env.get("WHARF_DATABASE_USERNAME")).isEqualTo(at(service("postgres"), "environment.POSTGRES_USER"));
        assertThat((Object) env.get("WHARF_DATABASE_PASSWORD"))
                .isEqualTo(at(service("postgres"), "environment.POSTGRES_PASSWORD"));
        // The admin token comes from the caller's environment and is required.
        assertThat((String) env.get("WHARF_ADMIN_TOKEN")).startsWith("${WHARF_ADMIN_TOKEN:?");
        assertThat(at(wharf, "healthcheck.test").toString()).contains("http://127.0.0.1:9090/actuator/health/readiness");
        assertThat((List<Object>) at(wharf, "ports")).contains("8080:8080");
        assertThat((Object) env.get("WHARF_MANAGEMENT_PORT")).isEqualTo(9090);
    }

    @Test
    void prometheusScrapesWharfsServicePortAndPath() {
        Map<String, Object> prometheus = service("prometheus");
        assertThat((List<Object>) at(prometheus, "volumes"))
                .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        List<Map<String, Object>> jobs = at(Repo.yaml("deploy/prometheus/prometheus.yml"), "scrape_configs");
        Map<String, Object> job = jobs.stream().filter(j -> "wharf".equals(j.get("job_name"))).findFirst()
                .orElseThrow();
        assertThat((Object) job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat((List<Object>) at(job, "static_configs.0.targets")).containsExactly("wharf:9090");
        // wharf:9090 is the compose service and the management port the image exposes and actuator listens on.
        assertThat(COMPOSE).extracting("services").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("wharf");
        assertThat(DockerfileTest.instruction("EXPOSE")).isEqualTo("8080 9090");
        assertThat(Repo.read("platform-app/src/main/resources/application.yaml"))
                .contains("port: ${WHARF_PORT:8080}").contains("port: ${WHARF_MANAGEMENT_PORT:9090}")
                .contains("include: health,info,prometheus");
    }

    @Test
    void grafanaIsProvisionedWithTheDatasourceAndTheDashboard() {
        List<Object> volumes = at(service("grafana"), "volumes");
        assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/wharf.json:/var/lib/grafana/dashboards/wharf/wharf.json:ro");
        Map<String, Object> ds = at(Repo.yaml("deploy/grafana/provisioning/datasources/prometheus.yaml"),
                "datasources.0");
        assertThat((Object) ds.get("type")).isEqualTo("prometheus");
        assertThat((Object) ds.get("uid")).isEqualTo("prometheus");
        assertThat((Object) ds.get("url")).isEqualTo("http://prometheus:9090");
        assertThat((Object) at(Repo.yaml("deploy/grafana/provisioning/dashboards/wharf.yaml"),
                "providers.0.options.path")).isEqualTo("/var/lib/grafana/dashboards/wharf");
    }

    @Test
    void theDashboardIsWellFormedForProvisioning() {
        tools.jackson.databind.JsonNode dashboard = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(Repo.read("deploy/grafana/wharf.json"));
        assertThat(dashboard.get("uid").asString()).isEqualTo("wharf");
        List<Integer> ids = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode panel : dashboard.get("panels")) {
            ids.add(panel.get("id").asInt());
            assertThat(panel.has("gridPos")).as("gridPos of %s", panel.get("title")).isTrue();
            for (tools.jackson.databind.JsonNode child : panel.path("panels")) {
                ids.add(child.get("id").asInt());
            }
            for (tools.jackson.databind.JsonNode target : panel.path("targets")) {
                // Every query goes to the dashboard's datasource variable (the provisioned Prometheus by default).
                assertThat(target.at("/datasource/uid").asString()).isEqualTo("${datasource}");
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(dashboard.at("/templating/list/0/name").asString()).isEqualTo("datasource");
    }
}
