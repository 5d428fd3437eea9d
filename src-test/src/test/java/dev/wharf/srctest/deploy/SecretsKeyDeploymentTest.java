package dev.wharf.srctest.deploy;

import static dev.wharf.srctest.deploy.Repo.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wasi:config secrets key reaches the platform as {@code WHARF_SECRETS_KEY} (the relaxed form of
 * {@code wharf.secrets.key}) in both deployments: from the caller's environment in compose, from a Secret in Helm.
 */
class SecretsKeyDeploymentTest {
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void composePassesTheCallersKeyAndDefaultsToNone() {
        Object value = at(ComposeTest.service("wharf"), "environment.WHARF_SECRETS_KEY");
        assertThat(value).isEqualTo("${WHARF_SECRETS_KEY:-}");
        assertThat((Object) at(ComposeTest.service("wharf"), "environment.WHARF_SECRETS_PREVIOUS_KEYS"))
                .isEqualTo("${WHARF_SECRETS_PREVIOUS_KEYS:-}");
    }

    @Test
    void helmPassesPreviousKeysForARotationFromItsSecret() {
        List<Map<String, Object>> docs = HelmChartTest.render(t -> t.set("secrets.secretsKey", KEY)
                .set("secrets.previousSecretsKeys", "b2xkLWtleS0x,b2xkLWtleS0y"));
        Map<String, Object> secret = HelmChartTest.kind(docs, "Secret");
        assertThat((Object) at(secret, "stringData.previous-secrets-keys")).isEqualTo("b2xkLWtleS0x,b2xkLWtleS0y");
        Map<String, Object> env = HelmChartTest.envByName(HelmChartTest.container(docs)).get("WHARF_SECRETS_PREVIOUS_KEYS");
        assertThat((Object) at(env, "valueFrom.secretKeyRef.name")).isEqualTo(at(secret, "metadata.name"));
        assertThat((Object) at(env, "valueFrom.secretKeyRef.key")).isEqualTo("previous-secrets-keys");
        assertThat((Object) at(env, "valueFrom.secretKeyRef.optional")).isEqualTo(true);
    }

    @Test
    void helmStoresTheKeyInItsSecretAndMapsItToTheEnvironment() {
        List<Map<String, Object>> docs = HelmChartTest.render(t -> t.set("secrets.secretsKey", KEY));
        Map<String, Object> secret = HelmChartTest.kind(docs, "Secret");
        assertThat((Object) at(secret, "stringData.secrets-key")).isEqualTo(KEY);
        Map<String, Object> env = HelmChartTest.envByName(HelmChartTest.container(docs)).get("WHARF_SECRETS_KEY");
        assertThat((Object) at(env, "valueFrom.secretKeyRef.name")).isEqualTo(at(secret, "metadata.name"));
        assertThat((Object) at(env, "valueFrom.secretKeyRef.key")).isEqualTo("secrets-key");
        assertThat(HelmChartTest.container(docs).toString()).as("the key is not inlined anywhere else").doesNotContain(KEY);
    }

    @Test
    void helmReadsTheKeyFromAnExistingSecret() {
        List<Map<String, Object>> docs = HelmChartTest.render(t -> t.set("secrets.existingSecret", "wharf-prod"));
        Map<String, Object> env = HelmChartTest.envByName(HelmChartTest.container(docs)).get("WHARF_SECRETS_KEY");
        assertThat((Object) at(env, "valueFrom.secretKeyRef.name")).isEqualTo("wharf-prod");
        assertThat((Object) at(env, "valueFrom.secretKeyRef.key")).isEqualTo("secrets-key");
        assertThat((Object) at(env, "valueFrom.secretKeyRef.optional")).as("secrets stay optional").isEqualTo(true);
    }

    @Test
    void withoutAKeyTheChartsSecretHasNone() {
        Map<String, Object> secret = HelmChartTest.kind(HelmChartTest.render(t -> t), "Secret");
        Map<String, Object> data = at(secret, "stringData");
        assertThat(data == null ? Map.of() : data).doesNotContainKey("secrets-key");
    }
}
