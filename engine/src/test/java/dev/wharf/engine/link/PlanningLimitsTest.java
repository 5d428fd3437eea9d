package dev.wharf.engine.link;

import static dev.wharf.engine.types.PrimitiveType.U32;
import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.Linker;
import dev.wharf.engine.TestComponents;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Top-level imports and exports, and what the planner refuses (by name). */
class PlanningLimitsTest {
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    @Test
    void topLevelFunctionImportAndExport() {
        ComponentPlan plan = engine.plan(HostImportsLinkingTest.load("top-level"));
        FuncType type = new FuncType(List.of(new FuncType.Param("x", U32)), Optional.of(U32));
        Linker linker = new Linker(engine).define("double", type, args -> u32(((WitValue.U32) args.get(0)).asLong() * 2));
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThat(instance.function("quad").call(u32(5))).isEqualTo(u32(20));
            assertThat(instance.function("quad").name()).isEqualTo("quad");
        }
        assertThatThrownBy(() -> new Linker(engine).prepare(plan))
                .hasMessage("missing import double: func(x: u32) -> u32; the linker defines no such top-level function");
    }

    @Test
    void aPostReturnFunctionMayNotCallImports() {
        ComponentPlan plan = engine.plan(HostImportsLinkingTest.load("post-return-calls-import"));
        FuncType log = new FuncType(List.of(new FuncType.Param("msg", dev.wharf.engine.types.PrimitiveType.STRING)), Optional.empty());
        List<String> logged = new java.util.ArrayList<>();
        Linker linker = new Linker(engine).define("log", log, args -> {
            logged.add("called");
            return null;
        });
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThatThrownBy(() -> instance.function("get").call())
                    .isInstanceOfSatisfying(dev.wharf.engine.Trap.class,
                            t -> assertThat(t.reason()).isEqualTo(dev.wharf.engine.TrapReason.CANNOT_LEAVE))
                    .hasMessageContaining("the guest called log from a post-return function");
            assertThat(logged).isEmpty();
        }
    }

    @Test
    void aReallocFunctionMayNotCallImports() {
        ComponentPlan plan = engine.plan(HostImportsLinkingTest.load("realloc-calls-import"));
        FuncType log = new FuncType(List.of(new FuncType.Param("msg", dev.wharf.engine.types.PrimitiveType.STRING)), Optional.empty());
        List<String> logged = new java.util.ArrayList<>();
        Linker linker = new Linker(engine).define("log", log, args -> {
            logged.add("called");
            return null;
        });
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThat(instance.function("len").call()).isEqualTo(u32(5));
            assertThatThrownBy(() -> instance.function("take").call(WitValue.string("hello")))
                    .isInstanceOfSatisfying(dev.wharf.engine.Trap.class,
                            t -> assertThat(t.reason()).isEqualTo(dev.wharf.engine.TrapReason.CANNOT_LEAVE))
                    .hasMessageContaining("the guest called log from its realloc function");
            assertThat(logged).isEmpty();
        }
    }

    @Test
    void aPostReturnFunctionMayNotDropOrCreateResourcesButMayReadTheirRep() {
        var prepared = new Linker(engine).prepare(engine.plan(HostImportsLinkingTest.load("post-return-resources")));
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThat(instance.function("keep").call(u32(42))).isEqualTo(u32(1));
            assertThat(instance.function("rep-after").call()).isEqualTo(u32(0));
            assertThat(instance.function("last-rep").call()).as("resource.rep is allowed in post-return").isEqualTo(u32(42));
            assertThat(instance.function("drop-now").call()).as("a drop during the call itself is allowed").isEqualTo(u32(1));
        }
        try (ComponentInstance instance = prepared.instantiate()) {
            instance.function("keep").call(u32(7));
            assertThatThrownBy(() -> instance.function("drop-after").call())
                    .isInstanceOfSatisfying(dev.wharf.engine.Trap.class,
                            t -> assertThat(t.reason()).isEqualTo(dev.wharf.engine.TrapReason.CANNOT_LEAVE))
                    .hasMessageContaining("resource.drop").hasMessageContaining("from a post-return function");
            assertThat(instance.isPoisoned()).isTrue();
        }
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThatThrownBy(() -> instance.function("new-after").call())
                    .isInstanceOfSatisfying(dev.wharf.engine.Trap.class,
                            t -> assertThat(t.reason()).isEqualTo(dev.wharf.engine.TrapReason.CANNOT_LEAVE))
                    .hasMessageContaining("resource.new");
        }
    }

    @Test
    void parserTestComponentsWithoutUnsupportedConstructsPlan() {
        assertThat(engine.plan(TestComponents.load("kitchen-sink")).requiredFunctions()).containsExactly(
                "wasi:http/types@0.2.0#[constructor]fields: func() -> own<fields>",
                "wasi:http/types@0.2.0#get: func(x: u32) -> list<string>");
        assertThat(engine.plan(TestComponents.load("resources")).requiredFunctions()).isEmpty();
        assertThat(engine.plan(TestComponents.load("http-proxy-shape")).requiredFunctions()).hasSize(4);
    }

    @Test
    void coreModuleImportsAreNotSupported() {
        assertThatThrownBy(() -> engine.plan(TestComponents.load("nested")))
                .isInstanceOfSatisfying(UnsupportedComponentFeatureException.class,
                        e -> assertThat(e.feature()).isEqualTo("importing a core module"))
                .hasMessageStartingWith("not supported yet: importing a core module (definition at offset ");
    }

    @Test
    void aNestedComponentsOwnLiftIsReExported() {
        ComponentPlan plan = engine.plan(HostImportsLinkingTest.load("nested-lift"));
        try (ComponentInstance instance = new Linker(engine).prepare(plan).instantiate()) {
            assertThat(instance.function("f").call()).isEqualTo(u32(7));
        }
    }

    @Test
    void aModuleImportingALoweredFunctionWithTheWrongCoreTypeIsInvalid() {
        assertThatThrownBy(() -> engine.plan(HostImportsLinkingTest.load("lower-type-mismatch")))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("import .double has core type")
                .hasMessageContaining("but is given a canonical function of type");
    }
}
