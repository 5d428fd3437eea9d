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
 * Components from other toolchains import much more of wasi:filesystem than the stdio part the C fixtures use
 * (TinyGo: {@code open-at} with flags, {@code read}; wit-component's adapter: the {@code directory-entry-stream}
 * resource). {@code filesystem/toolchain-imports.wat} lowers those; it must link against the host and see an empty
 * filesystem (no preopens).
 */
class FilesystemImportsTest {
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
    void theWholeFilesystemInterfaceLinksAndHasNoPreopens() throws IOException {
        byte[] wasm;
        try (InputStream in = FilesystemImportsTest.class.getResourceAsStream("/filesystem/toolchain-imports.wasm")) {
            wasm = in.readAllBytes();
        }
        PreparedComponent prepared = WasiHttpHost.register(new Linker(engine)).prepare(engine.plan(wasm));
        try (ComponentInstance instance = prepared.instantiate(InstanceOptions.defaults())) {
            assertThat(instance.function("open-flags-linked").call()).isEqualTo(WitValue.u32(1));
            assertThat(instance.function("preopens").call()).isEqualTo(WitValue.u32(0));
        }
    }
}
