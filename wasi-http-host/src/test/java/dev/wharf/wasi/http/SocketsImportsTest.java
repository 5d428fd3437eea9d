package dev.wharf.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Toolchains import wasi:sockets whether or not the code uses it (Rust's std on wasm32-wasip2, TinyGo's net package,
 * CPython). {@code sockets/toolchain-imports.wat} lowers the parts a guest probing for the network uses; it must link,
 * and find the network closed: creating sockets and resolving names answer access-denied.
 */
class SocketsImportsTest {
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = Engine.create();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    @Test
    void theSocketsInterfacesLinkAndTheNetworkIsClosed() throws IOException {
        byte[] wasm;
        try (InputStream in = SocketsImportsTest.class.getResourceAsStream("/sockets/toolchain-imports.wasm")) {
            wasm = in.readAllBytes();
        }
        PreparedComponent prepared = WasiHttpHost.register(new Linker(engine)).prepare(engine.plan(wasm));
        try (ComponentInstance instance = prepared.instantiate(InstanceOptions.defaults())) {
            // three errors (discriminant 1), each access-denied (case 1)
            assertThat(instance.function("probe").call()).isEqualTo(WitValue.u32(3_010_101));
        }
    }
}
