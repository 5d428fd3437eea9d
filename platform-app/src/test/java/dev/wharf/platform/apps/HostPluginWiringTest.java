package dev.wharf.platform.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.plugin.AppContext;
import dev.wharf.platform.runtime.PlatformPlugins;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import dev.wharf.platform.testing.ProbePlugin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Host plugins in the platform, with {@link ProbePlugin} (registered in the test resources only): found, initialised
 * once with Spring beans and properties, configured per revision at deployment (its refusal is a 422) and by the
 * gateway, preparing every instance, and closed once a replaced revision has drained.
 */
@TestPropertySource(properties = "wharf.probe.greeting=hi from the environment")
class HostPluginWiringTest extends ApiTest {
    @Autowired
    PlatformPlugins plugins;

    private ProbePlugin probe;
    private String tenant;
    private String key;
    private String echo;

    @BeforeEach
    void setUp() {
        probe = plugins.all().stream().filter(ProbePlugin.class::isInstance).map(ProbePlugin.class::cast)
                .findFirst().orElseThrow();
        tenant = "t-" + Long.toHexString(System.nanoTime());
        key = api.createTenant(ADMIN, tenant);
        echo = api.uploadReady(key, "echo-c.wasm");
    }

    @Test
    void initialisedOnceWithServicesAndProperties() {
        assertThat(probe.inits.get()).isEqualTo(1);
        assertThat(probe.dataSource).isNotNull();
        assertThat(probe.greeting).isEqualTo("hi from the environment");
        assertThat(plugins.all()).extracting(p -> p.name()).contains("wharf:probe");
    }

    @Test
    void settingsAreCheckedAtDeploymentAndReachTheRevisionsInstances() {
        Response rejected = api.putJson("/v1/apps/web", key,
                "{\"component\":\"" + echo + "\",\"probe\":{\"reject\":\"bucket 'x' does not exist\"}}");
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.detail()).isEqualTo("'probe': bucket 'x' does not exist");
        assertThat(api.get("/v1/apps/web", key).status()).as("nothing stored").isEqualTo(404);

        Response notAnObject = api.putJson("/v1/apps/web", key, "{\"component\":\"" + echo + "\",\"probe\":5}");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.detail()).contains("'probe'", "must be a JSON object");
        Response unknown = api.putJson("/v1/apps/web", key, "{\"component\":\"" + echo + "\",\"keyvalu\":{}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).startsWith("unknown field(s) [keyvalu]").contains("probe", "public");

        Response ok = api.putJson("/v1/apps/web", key,
                "{\"component\":\"" + echo + "\",\"probe\":{\"mode\":\"fast\",\"n\":3}}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("plugins").get("probe").get("mode").asString()).isEqualTo("fast");
        AppContext expected = new AppContext(tenant, "web", 1, Map.of("mode", "fast", "n", 3));
        assertThat(probe.configured).as("checked at deployment").contains(expected);

        int before = count(probe.prepared, expected);
        assertThat(api.get("/t/" + tenant + "/web/", null).status()).isEqualTo(200);
        assertThat(api.get("/t/" + tenant + "/web/", null).status()).isEqualTo(200);
        // the revision's instance pool is prepared once; per-instance state comes from InstanceOptions factories
        assertThat(count(probe.prepared, expected)).as("one prepare per revision's pool").isEqualTo(before + 1);
    }

    @Test
    void pluginsAreBoundOnlyForComponentsThatNeedThem() {
        String trap = api.uploadReady(key, "trap-c.wasm"); // imports wasi:http/types only
        Response r = api.putJson("/v1/apps/boom", key, "{\"component\":\"" + trap + "\",\"probe\":{\"reject\":\"no\"}}");
        assertThat(r.status()).as("the probe is not asked").isEqualTo(201);
        api.get("/t/" + tenant + "/boom/", null);
        assertThat(probe.configured).noneMatch(c -> c.tenant().equals(tenant) && c.app().equals("boom"));
    }

    @Test
    void aReplacedRevisionIsClosedOnceDrained() throws Exception {
        api.putJson("/v1/apps/site", key, "{\"component\":\"" + echo + "\"}");
        AppContext first = new AppContext(tenant, "site", 1, Map.of());
        assertThat(api.get("/t/" + tenant + "/site/", null).status()).isEqualTo(200);
        int closedBefore = count(probe.closed, first);
        assertThat(closedBefore).as("only the deployment check's binding").isEqualTo(1);

        api.putJson("/v1/apps/site", key, "{\"component\":\"" + echo + "\",\"probe\":{\"v\":2}}");
        assertThat(api.get("/t/" + tenant + "/site/", null).status()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count(probe.closed, first) == closedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count(probe.closed, first)).as("the gateway's binding of revision 1").isEqualTo(2);
        assertThat(probe.prepared).contains(new AppContext(tenant, "site", 2, Map.of("v", 2)));
    }

    @Test
    void aRequestRunningWhenANewRevisionIsDeployedFinishesOnTheOldOne() throws Exception {
        String reader = api.uploadReady(key, "read-body-c.wasm"); // imports wasi:io/poll: the probe is bound
        api.putJson("/v1/apps/slow", key, "{\"component\":\"" + reader + "\"}");
        AppContext first = new AppContext(tenant, "slow", 1, Map.of());
        // a raw HTTP/1.1 request whose chunked body stays open until the new revision is live
        java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
        java.io.OutputStream out = socket.getOutputStream();
        out.write(("POST /t/" + tenant + "/slow/ HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n3\r\nabc\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count(probe.prepared, first) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count(probe.prepared, first)).as("the guest of revision 1 is running").isEqualTo(1);

        api.putJson("/v1/apps/slow", key, "{\"component\":\"" + echo + "\"}");
        assertThat(api.get("/t/" + tenant + "/slow/x", null).raw().headers().firstValue("x-echo-path-with-query"))
                .as("new requests get revision 2").hasValue("/x");
        assertThat(count(probe.closed, first)).as("revision 1 still serves its request").isEqualTo(1);

        out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        socket.close();
        assertThat(answer).startsWith("HTTP/1.1 200").contains("bytes=3 ");
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count(probe.closed, first) == 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count(probe.closed, first)).as("released once drained").isEqualTo(2);
    }

    private static int count(List<AppContext> list, AppContext c) {
        return (int) list.stream().filter(c::equals).count();
    }
}
