package dev.wharf.engine.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.values.WitValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Export lookups follow the linker's semver rule for imports: versioned-exports.wat exports one
 * interface under several versions.
 */
class VersionedExportLookupTest {
    private static Engine engine;
    private static PreparedComponent prepared;

    @BeforeAll
    static void link() {
        engine = LinkTesting.newEngine();
        prepared = new Linker(engine).prepare(engine.plan(HostImportsLinkingTest.load("versioned-exports")));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static long answer(ComponentInstance instance, String iface) {
        return ((WitValue.U32) instance.function(iface, "answer").call()).asLong();
    }

    @Test
    void aCompatibleVersionFindsTheExportOlderOrNewer() {
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThat(answer(instance, "wharf:test/solo@0.2.10")).isEqualTo(10);
            assertThat(answer(instance, "wharf:test/solo@0.2.0")).isEqualTo(10);
            assertThat(answer(instance, "wharf:test/solo@0.2.12")).isEqualTo(10);
            assertThat(answer(instance, "wharf:test/major@1.0.0")).isEqualTo(14);
            assertThat(answer(instance, "wharf:test/major@1.9.2")).isEqualTo(14);
        }
    }

    @Test
    void incompatibleVersionsAreNotFound() {
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThatThrownBy(() -> instance.function("wharf:test/solo@0.3.0", "answer"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exports no function wharf:test/solo@0.3.0#answer");
            assertThatThrownBy(() -> instance.function("wharf:test/major@2.0.0", "answer")).isInstanceOf(IllegalArgumentException.class);
            // 0.0.x and pre-releases match exactly only
            assertThat(answer(instance, "wharf:test/zero@0.0.1")).isEqualTo(1);
            assertThatThrownBy(() -> instance.function("wharf:test/zero@0.0.2", "answer")).isInstanceOf(IllegalArgumentException.class);
            assertThat(answer(instance, "wharf:test/pre@0.3.0-rc.1")).isEqualTo(30);
            assertThatThrownBy(() -> instance.function("wharf:test/pre@0.3.0-rc.2", "answer")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> instance.function("wharf:test/pre@0.3.0", "answer")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theExactNameWinsAndTwoCompatibleVersionsAreAmbiguousOtherwise() {
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThat(answer(instance, "wharf:test/twice@0.2.3")).isEqualTo(3);
            assertThat(answer(instance, "wharf:test/twice@0.2.10")).isEqualTo(10);
            assertThatThrownBy(() -> instance.function("wharf:test/twice@0.2.5", "answer"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("several interfaces that match wharf:test/twice@0.2.5")
                    .hasMessageContaining("wharf:test/twice@0.2.3").hasMessageContaining("wharf:test/twice@0.2.10");
        }
    }

    @Test
    void thePlanFindsAnExportedInterfaceWithOrWithoutAVersion() {
        assertThat(prepared.exportedInterface("wharf:test/solo")).contains("wharf:test/solo@0.2.10");
        assertThat(prepared.plan().exportedInterface("wharf:test/solo@0.2.1")).contains("wharf:test/solo@0.2.10");
        assertThat(prepared.exportedInterface("wharf:test/pre")).contains("wharf:test/pre@0.3.0-rc.1");
        assertThat(prepared.exportedInterface("wharf:test/solo@0.1.0")).isEmpty();
        assertThat(prepared.exportedInterface("wharf:test/none")).isEmpty();
        assertThatThrownBy(() -> prepared.exportedInterface("wharf:test/twice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ask for one of them by its exact name");
    }
}
