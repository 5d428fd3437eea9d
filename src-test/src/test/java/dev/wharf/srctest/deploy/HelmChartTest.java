package dev.wharf.srctest.deploy;

import static dev.wharf.srctest.deploy.Repo.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** helm/wharf lints and renders (with the real helm, no cluster) into the manifests operators rely on. */
class HelmChartTest {

    static final Path CHART = Repo.path("helm/wharf");
    /** helm template assumes an old cluster (1.20) unless told; the chart needs 1.25+. */
    static final String KUBE_VERSION = "1.31.0";

    static List<Map<String, Object>> render(UnaryOperator<TemplateCommand> values) {
        String out = values.apply(new Helm(CHART).template().withName("wharf").withNamespace("apps")
                .withKubeVersion(KUBE_VERSION)).call();
        return Repo.yamlDocuments(out);
    }

    /** The production-like shape: three replicas on an external PostgreSQL, Ingress, HPA and ServiceMonitor. */
    static List<Map<String, Object>> renderScaledOut() {
        return render(t -> t.set("replicaCount", 3)
                .set("database.url", "jdbc:postgresql://pg.db.svc:5432/wharf")
                .set("database.username", "wharf")
                .set("database.password", "s3cret")
                .set("secrets.adminToken", "admin-token-value")
                .set("wharf.domain", "apps.example.org")
                .set("ingress.enabled", true)
                .set("ingress.className", "nginx")
                .set("ingress.tlsSecretName", "wildcard-tls")
                .set("autoscaling.enabled", true)
                .set("autoscaling.minReplicas", 3)
                .set("autoscaling.maxReplicas", 12)
                .set("serviceMonitor.enabled", true));
    }

    static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
        List<Map<String, Object>> found = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as("one %s", kind).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> container(List<Map<String, Object>> docs) {
        return at(kind(docs, "Deployment"), "spec.template.spec.containers.0");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> envByName(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.get("env")).stream()
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
    }

    static Set<String> kinds(List<Map<String, Object>> docs) {
        return docs.stream().map(d -> (String) d.get("kind")).collect(Collectors.toSet());
    }

    @Test
    void lintsCleanlyWithDefaultValues() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
    }

    @Test
    void defaultsRenderASingleReplicaOnTheEmbeddedDatabase() {
        List<Map<String, Object>> docs = render(t -> t);
        assertThat(kinds(docs)).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Secret", "Service",
                "Deployment", "PodDisruptionBudget");
        Map<String, Object> deployment = kind(docs, "Deployment");
        assertThat((Object) at(deployment, "spec.replicas")).isEqualTo(1);
        assertThat((Object) at(deployment, "spec.strategy.type")).isEqualTo("Recreate");
        assertThat(envByName(container(docs))).doesNotContainKey("WHARF_DATABASE_URL");
        Map<String, Object> config = kind(docs, "ConfigMap");
        assertThat((Object) at(config, "data.WHARF_DATA_DIR")).isEqualTo("/data");
        assertThat((Object) at(config, "data.JAVA_OPTS")).asString().contains("-XX:MaxRAMPercentage=75");
        assertThat((Object) at(config, "data.WHARF_SHUTDOWN_GRACE_PERIOD")).isEqualTo("30s");
    }

    @Test
    void probesUseTheActuatorHealthGroups() {
        Map<String, Object> c = container(render(t -> t));
        assertThat((Object) at(c, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat((Object) at(c, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat((Object) at(c, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat((Object) at(c, "livenessProbe.httpGet.port")).isEqualTo("management");
        assertThat((Object) at(c, "readinessProbe.httpGet.port")).isEqualTo("management");
        assertThat((Object) at(c, "startupProbe.httpGet.port")).isEqualTo("management");
        assertThat((Object) at(c, "ports.0.containerPort")).isEqualTo(8080);
        assertThat((Object) at(c, "ports.1.name")).isEqualTo("management");
        assertThat((Object) at(c, "ports.1.containerPort")).isEqualTo(9090);
    }

    @Test
    void runsNonRootOnAReadOnlyRootFilesystemWithWritableTmpAndData() {
        List<Map<String, Object>> docs = render(t -> t);
        Map<String, Object> pod = at(kind(docs, "Deployment"), "spec.template.spec");
        assertThat((Object) at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat((Object) at(pod, "securityContext.runAsUser")).isEqualTo(10001);
        Map<String, Object> c = container(docs);
        assertThat((Object) at(c, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat((Object) at(c, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat((List<Object>) at(c, "securityContext.capabilities.drop")).containsExactly("ALL");
        assertThat((List<Object>) c.get("volumeMounts")).extracting(m -> (Object) ((Map<?, ?>) m).get("mountPath"))
                .containsExactlyInAnyOrder("/tmp", "/data");
        assertThat((Object) at(pod, "volumes.0.emptyDir")).isNotNull();
        // SIGTERM: preStop sleep + the server's grace period must fit in the pod's termination grace period.
        assertThat((Object) at(pod, "terminationGracePeriodSeconds")).isEqualTo(45);
    }

    @Test
    void scaledOutRenderHasEveryKindAndReadsTheDatabaseFromTheSecret() {
        List<Map<String, Object>> docs = renderScaledOut();
        assertThat(kinds(docs)).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Secret", "Service",
                "Deployment", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor");

        Map<String, Object> deployment = kind(docs, "Deployment");
        assertThat(deployment).extractingByKey("spec").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("replicas");
        assertThat((Object) at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");

        Map<String, Map<String, Object>> env = envByName(container(docs));
        for (String name : List.of("WHARF_DATABASE_URL", "WHARF_DATABASE_USERNAME", "WHARF_DATABASE_PASSWORD",
                "WHARF_ADMIN_TOKEN")) {
            assertThat(env).containsKey(name);
            assertThat((Object) at(env.get(name), "valueFrom.secretKeyRef.name")).isEqualTo("wharf");
        }
        assertThat((Object) at(env.get("WHARF_DATABASE_URL"), "valueFrom.secretKeyRef.key")).isEqualTo("database-url");

        Map<String, Object> secret = kind(docs, "Secret");
        assertThat((Object) at(secret, "stringData.database-url")).isEqualTo("jdbc:postgresql://pg.db.svc:5432/wharf");
        assertThat((Object) at(secret, "stringData.admin-token")).isEqualTo("admin-token-value");
        // Secrets stay out of the ConfigMap.
        assertThat(kind(docs, "ConfigMap").toString()).doesNotContain("s3cret").doesNotContain("admin-token-value");

        Map<String, Object> hpa = kind(docs, "HorizontalPodAutoscaler");
        assertThat((Object) at(hpa, "spec.minReplicas")).isEqualTo(3);
        assertThat((Object) at(hpa, "spec.maxReplicas")).isEqualTo(12);
        assertThat((Object) at(hpa, "spec.scaleTargetRef.name")).isEqualTo("wharf");

        Map<String, Object> monitor = kind(docs, "ServiceMonitor");
        assertThat((Object) at(monitor, "spec.endpoints.0.path")).isEqualTo("/actuator/prometheus");
        assertThat((Object) at(monitor, "spec.endpoints.0.port")).isEqualTo("management");
        assertThat((Object) at(kind(docs, "Service"), "spec.ports.0.name")).isEqualTo("http");
        assertThat((Object) at(kind(docs, "Service"), "spec.ports.1.name")).isEqualTo("management");
    }

    @Test
    void ingressRoutesTheBaseHostAndEverySubdomain() {
        Map<String, Object> ingress = kind(renderScaledOut(), "Ingress");
        assertThat((List<Object>) at(ingress, "spec.rules")).extracting(r -> (Object) ((Map<?, ?>) r).get("host"))
                .containsExactly("apps.example.org", "*.apps.example.org");
        assertThat((List<Object>) at(ingress, "spec.tls.0.hosts")).containsExactly("apps.example.org", "*.apps.example.org");
        assertThat((Object) at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat((Object) at(ingress, "spec.rules.1.http.paths.0.backend.service.name")).isEqualTo("wharf");
    }

    @Test
    void h2cTurnsOnTheGatewaySettingAndTellsTheServicesPortProtocol() {
        List<Map<String, Object>> plain = render(t -> t);
        assertThat((Object) at(kind(plain, "ConfigMap"), "data.WHARF_GATEWAY_H2C")).isEqualTo("false");
        assertThat((Object) at(kind(plain, "Service"), "spec.ports.0.appProtocol")).isNull();
        List<Map<String, Object>> h2c = render(t -> t.set("wharf.h2c", true));
        assertThat((Object) at(kind(h2c, "ConfigMap"), "data.WHARF_GATEWAY_H2C")).isEqualTo("true");
        assertThat((Object) at(kind(h2c, "Service"), "spec.ports.0.appProtocol")).isEqualTo("kubernetes.io/h2c");
        assertThatThrownBy(() -> render(t -> t.set("wharf.h2c", "yes"))).hasMessageContaining("/wharf/h2c");
    }

    @Test
    void existingSecretReplacesTheChartsSecret() {
        List<Map<String, Object>> docs = render(t -> t.set("replicaCount", 2)
                .set("secrets.existingSecret", "wharf-prod")
                .set("database.urlFromExistingSecret", true));
        assertThat(kinds(docs)).doesNotContain("Secret");
        Map<String, Map<String, Object>> env = envByName(container(docs));
        assertThat((Object) at(env.get("WHARF_DATABASE_URL"), "valueFrom.secretKeyRef.name")).isEqualTo("wharf-prod");
        assertThat((Object) at(env.get("WHARF_ADMIN_TOKEN"), "valueFrom.secretKeyRef.name")).isEqualTo("wharf-prod");
    }

    @Test
    void moreThanOneReplicaWithoutAnExternalDatabaseFailsWithAClearMessage() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 3)))
                .hasMessageContaining("more than one replica")
                .hasMessageContaining("external PostgreSQL")
                .hasMessageContaining("database.url");
        assertThatThrownBy(() -> render(t -> t.set("autoscaling.enabled", true)))
                .hasMessageContaining("more than one replica");
    }

    @Test
    void aSharedReadWriteOnceDataVolumeIsRefusedForSeveralReplicas() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 2)
                .set("database.url", "jdbc:postgresql://pg:5432/wharf")
                .set("persistence.enabled", true)))
                .hasMessageContaining("ReadWriteMany");
        List<Map<String, Object>> single = render(t -> t.set("persistence.enabled", true));
        assertThat((Object) at(kind(single, "Deployment"), "spec.template.spec.volumes.1.persistentVolumeClaim.claimName"))
                .isEqualTo("wharf-data");
        assertThat((Object) at(kind(single, "PersistentVolumeClaim"), "spec.resources.requests.storage")).isEqualTo("8Gi");
    }

    @Test
    void theSchemaRejectsBadValues() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", -1)))
                .hasMessageContaining("schema").hasMessageContaining("/replicaCount");
        assertThatThrownBy(() -> render(t -> t.set("service.type", "Bogus")))
                .hasMessageContaining("/service/type");
        assertThatThrownBy(() -> render(t -> t.set("jvm.maxRamPercentage", 99)))
                .hasMessageContaining("/jvm/maxRamPercentage");
        assertThatThrownBy(() -> render(t -> t.set("database.url", "postgres://nope")))
                .hasMessageContaining("/database/url");
        // A misspelt top-level key is an error, not silently ignored.
        assertThatThrownBy(() -> render(t -> t.set("replicas", 3)))
                .hasMessageContaining("replicas");
    }
}
