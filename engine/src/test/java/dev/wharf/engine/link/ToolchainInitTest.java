package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Constructs of wit-component output found in components from other toolchains (docs/conformance.md, "Components
 * from other toolchains"), reproduced by {@code linking/toolchain-init.wat}: a core module's {@code _start} export
 * is not run at instantiation (Rust, Grain, Zig and TeaVM commands and libraries built with the preview1 adapter
 * trapped there), and a module importing a function named {@code ("" "")} loads and its start runs (TinyGo).
 */
class ToolchainInitTest {
    private static Engine engine;
    private static PreparedComponent prepared;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        prepared = new Linker(engine).prepare(engine.plan(HostImportsLinkingTest.load("toolchain-init")));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    @Test
    void instantiationRunsStartSectionsButNotAStartExport() {
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThat(instance.function("start-calls").call()).isEqualTo(u32(0));
            assertThat(instance.isPoisoned()).isFalse();
        }
    }

    @Test
    void anImportNamedWithTwoEmptyNamesLinksAndItsStartRunsOnce() {
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThat(instance.function("initialized").call()).isEqualTo(u32(1));
        }
    }

    @Test
    void theStartExportRunsWhenTheComponentCallsIt() {
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThatThrownBy(() -> instance.function("run-start").call())
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.UNREACHABLE));
        }
        try (ComponentInstance again = prepared.instantiate()) {
            assertThat(again.function("start-calls").call()).isEqualTo(u32(0));
        }
    }
}
