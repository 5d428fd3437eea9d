package dev.wharf.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WasiHttpHost#handlerExport}: the one check of which wasi:http/incoming-handler export the host serves, on
 * real components (src/test/resources/handlers/*.wat, the C fixtures, a component with no handler).
 */
class HandlerExportTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.inspector();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void anyStable02ReleaseIsServed() {
        assertThat(WasiHttpHost.handlerExport(plan("handler-0.2.3"))).isEqualTo("wasi:http/incoming-handler@0.2.3");
        assertThat(WasiHttpHost.handlerExport(engine.plan(GuestServer.fixture("hello-c"))))
                .isEqualTo("wasi:http/incoming-handler@0.2.10");
    }

    @Test
    void theHandlerOfAPreparedComponentIsTheOneItsPlanExports() {
        var prepared = WasiHttpHost.register(new Linker(engine)).prepare(plan("handler-0.2.3"));
        assertThat(WasiHttpHost.handlerExport(prepared)).isEqualTo("wasi:http/incoming-handler@0.2.3");
    }

    @Test
    void aPreReleaseHandlerIsRefusedNamingWhatWasFoundAndWhatIsServed() {
        assertThatThrownBy(() -> WasiHttpHost.handlerExport(plan("handler-rc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the component does not export wasi:http/incoming-handler@0.2.x")
                .hasMessageContaining("it exports wasi:http/incoming-handler@0.2.0-rc-2023-12-05")
                .hasMessageContaining("Wharf serves wasi:http/incoming-handler@0.2.x");
    }

    @Test
    void aComponentWithoutAHandlerIsRefused() {
        assertThatThrownBy(() -> WasiHttpHost.handlerExport(engine.plan(GuestServer.fixture("abi-scalars"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the component does not export wasi:http/incoming-handler@0.2.x (the wasi:http/proxy world's "
                        + "incoming handler), so it cannot serve requests");
    }

    private static ComponentPlan plan(String name) {
        try (InputStream in = HandlerExportTest.class.getResourceAsStream("/handlers/" + name + ".wasm")) {
            return engine.plan(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
