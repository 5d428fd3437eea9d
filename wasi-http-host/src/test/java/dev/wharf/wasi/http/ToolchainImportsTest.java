package dev.wharf.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Toolchains import far more of WASI than they use, and such components must link against the host and find it
 * closed: wasi:filesystem (TinyGo: {@code open-at} with flags, {@code read}; wit-component's adapter: the
 * {@code directory-entry-stream} resource) with no preopens, and wasi:sockets (Rust std on wasm32-wasip2, TinyGo's
 * net package, CPython) with the network closed. Each WAT component lowers what those toolchains import.
 */
class ToolchainImportsTest {
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = Engine.create();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private static ComponentInstance instantiate(String resource) throws IOException {
        byte[] wasm;
        try (InputStream in = ToolchainImportsTest.class.getResourceAsStream(resource)) {
            wasm = in.readAllBytes();
        }
        return WasiHttpHost.register(new Linker(engine)).prepare(engine.plan(wasm)).instantiate(InstanceOptions.defaults());
    }

    @Test
    void theWholeFilesystemInterfaceLinksAndHasNoPreopens() throws IOException {
        try (ComponentInstance instance = instantiate("/filesystem/toolchain-imports.wasm")) {
            assertThat(instance.function("open-flags-linked").call()).isEqualTo(WitValue.u32(1));
            assertThat(instance.function("preopens").call()).isEqualTo(WitValue.u32(0));
        }
    }

    @Test
    void theSocketsInterfacesLinkAndTheNetworkIsClosed() throws IOException {
        try (ComponentInstance instance = instantiate("/sockets/toolchain-imports.wasm")) {
            // three errors (discriminant 1), each access-denied (case 1)
            assertThat(instance.function("probe").call()).isEqualTo(WitValue.u32(3_010_101));
        }
    }
}
