package dev.wharf.engine.link;

import static dev.wharf.engine.types.PrimitiveType.STRING;
import static dev.wharf.engine.types.PrimitiveType.U32;
import static dev.wharf.engine.types.PrimitiveType.U64;
import static dev.wharf.engine.values.WitValue.string;
import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.UnlinkableComponentException;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A component importing host functions (src/test/resources/linking/host-imports.wat): lowering
 * scalars and strings into the host and back, semver-compatible interface matching, and the
 * errors for missing and mistyped imports.
 */
class HostImportsLinkingTest {
    private static final String HOST = "wharf:test/host@1.0.0";
    private static final String APP = "wharf:test/app@1.0.0";
    private static final FuncType ADD = func(List.of(param("a", U32), param("b", U32)), U32);
    private static final FuncType GREET = func(List.of(param("name", STRING)), STRING);
    private static final FuncType LOG = func(List.of(param("msg", STRING)), null);

    private static Engine engine;
    private static ComponentPlan plan;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        plan = engine.plan(load("host-imports"));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    static byte[] load(String name) {
        try (InputStream in = HostImportsLinkingTest.class.getResourceAsStream("/linking/" + name + ".wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FuncType.Param param(String name, ValType type) {
        return new FuncType.Param(name, type);
    }

    private static FuncType func(List<FuncType.Param> params, ValType result) {
        return new FuncType(params, Optional.ofNullable(result));
    }

    private static Linker fullLinker(String iface, List<String> log) {
        return new Linker(engine)
                .define(iface, "add", ADD, args -> u32((((WitValue.U32) args.get(0)).asLong() + ((WitValue.U32) args.get(1)).asLong()) & 0xffff_ffffL))
                .define(iface, "greet", GREET, args -> string("hello, " + ((WitValue.Str) args.get(0)).value() + "!"))
                .define(iface, "log", LOG, args -> {
                    log.add(((WitValue.Str) args.get(0)).value());
                    return null;
                });
    }

    @Test
    void planListsTheRequiredHostFunctions() {
        assertThat(plan.requiredFunctions()).containsExactly(
                "wharf:test/host@1.0.0#add: func(a: u32, b: u32) -> u32",
                "wharf:test/host@1.0.0#greet: func(name: string) -> string",
                "wharf:test/host@1.0.0#log: func(msg: string)");
    }

    @Test
    void scalarsAndStringsCrossIntoTheHostAndBack() {
        List<String> log = new ArrayList<>();
        try (ComponentInstance instance = fullLinker(HOST, log).prepare(plan).instantiate()) {
            assertThat(instance.function(APP, "add-twice").call(u32(3), u32(4))).isEqualTo(u32(11));
            assertThat(instance.function(APP, "add-twice").call(u32(0xffff_ffffL), u32(1))).isEqualTo(u32(1));
            assertThat(instance.function(APP, "greet-via-host").call(string("wörld 😀"))).isEqualTo(string("hello, wörld 😀!"));
            assertThat(log).containsExactly("wörld 😀");
        }
    }

    @Test
    void aPreparedComponentInstantiatesManyTimes() {
        PreparedComponent prepared = fullLinker(HOST, new ArrayList<>()).prepare(plan);
        for (int i = 0; i < 5; i++) {
            try (ComponentInstance instance = prepared.instantiate()) {
                assertThat(instance.function(APP, "add-twice").call(u32(i), u32(1))).isEqualTo(u32(i + 2));
            }
        }
    }

    @Test
    void onePreparedComponentServesManyThreads() throws Exception {
        PreparedComponent prepared = fullLinker(HOST, java.util.Collections.synchronizedList(new ArrayList<>())).prepare(plan);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (ComponentInstance instance = prepared.instantiate()) {
                            String name = "t" + seed + "-" + i;
                            if (!instance.function(APP, "greet-via-host").call(string(name)).equals(string("hello, " + name + "!"))
                                    || !instance.function(APP, "add-twice").call(u32(seed), u32(i)).equals(u32(seed + 2L * i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCompatibleNewerHostVersionServesTheImport() {
        try (ComponentInstance instance = fullLinker("wharf:test/host@1.3.7", new ArrayList<>()).prepare(plan).instantiate()) {
            assertThat(instance.function(APP, "add-twice").call(u32(1), u32(1))).isEqualTo(u32(3));
        }
    }

    @Test
    void anIncompatibleHostVersionIsMissing() {
        assertThatThrownBy(() -> fullLinker("wharf:test/host@2.0.0", new ArrayList<>()).prepare(plan))
                .isInstanceOf(UnlinkableComponentException.class)
                .hasMessage("missing import wharf:test/host@1.0.0#add: func(a: u32, b: u32) -> u32; "
                        + "the linker defines no interface compatible with wharf:test/host@1.0.0");
    }

    @Test
    void aMissingFunctionIsNamed() {
        Linker linker = new Linker(engine)
                .define(HOST, "add", ADD, args -> u32(0))
                .define(HOST, "log", LOG, args -> null);
        assertThatThrownBy(() -> linker.prepare(plan))
                .isInstanceOfSatisfying(UnlinkableComponentException.class,
                        e -> assertThat(e.importName()).isEqualTo("wharf:test/host@1.0.0#greet"))
                .hasMessage("missing import wharf:test/host@1.0.0#greet: func(name: string) -> string; "
                        + "interface wharf:test/host@1.0.0 in the linker has no function 'greet'");
    }

    @Test
    void aMismatchedTypeIsReportedInWit() {
        Linker linker = new Linker(engine)
                .define(HOST, "add", func(List.of(param("a", U32), param("b", U32)), U64), args -> WitValue.u64(0))
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        assertThatThrownBy(() -> linker.prepare(plan))
                .isInstanceOf(UnlinkableComponentException.class)
                .hasMessage("import wharf:test/host@1.0.0#add has the wrong type: the component expects func(a: u32, b: u32) -> u32, "
                        + "the linker defines wharf:test/host@1.0.0#add as func(a: u32, b: u32) -> u64");
    }

    @Test
    void parameterNamesDoNotMatter() {
        Linker linker = new Linker(engine)
                .define(HOST, "add", func(List.of(param("x", U32), param("y", U32)), U32), args -> u32(1))
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        assertThat(linker.prepare(plan)).isNotNull();
    }

    @Test
    void aHostExceptionTrapsTheGuestWithHostError() {
        Linker linker = new Linker(engine)
                .define(HOST, "add", ADD, args -> {
                    throw new IllegalStateException("host is broken");
                })
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThatThrownBy(() -> instance.function(APP, "add-twice").call(u32(1), u32(2)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.HOST_ERROR));
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void aHostReturningNothingForAResultTraps() {
        Linker linker = new Linker(engine)
                .define(HOST, "add", ADD, args -> null)
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThatThrownBy(() -> instance.function(APP, "add-twice").call(u32(1), u32(2)))
                    .isInstanceOf(Trap.class).hasMessageContaining("returned no value");
        }
    }

    @Test
    void aHostFunctionMayNotCallBackIntoItsCaller() {
        AtomicReference<ComponentInstance> self = new AtomicReference<>();
        Linker linker = new Linker(engine)
                .define(HOST, "add", ADD, args -> self.get().function(APP, "add-twice").call(u32(1), u32(1)))
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            self.set(instance);
            assertThatThrownBy(() -> instance.function(APP, "add-twice").call(u32(1), u32(2)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.CANNOT_ENTER))
                    .hasMessageContaining("the component instance is already running a call");
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void aNameDefinedWithTwoTypesBindsTheOneTheImportHas() {
        // as wasi:keyvalue/batch@0.2.0-draft2#get-many, whose result type differs between spec and Spin
        FuncType other = func(List.of(param("a", U32), param("b", U32)), U64);
        Linker linker = new Linker(engine)
                .define(HOST, "add", other, args -> WitValue.u64(0))
                .define(HOST, "add", ADD, args -> u32(100))
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThat(instance.function(APP, "add-twice").call(u32(1), u32(2))).isEqualTo(u32(100));
        }
    }

    @Test
    void definingTwiceIsRejected() {
        Linker linker = new Linker(engine).define(HOST, "add", ADD, args -> u32(0));
        assertThatThrownBy(() -> linker.define(HOST, "add", ADD, args -> u32(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already defined");
    }
}
