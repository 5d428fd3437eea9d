package dev.wharf.engine.link;

import static dev.wharf.engine.types.PrimitiveType.STRING;
import static dev.wharf.engine.types.PrimitiveType.U32;
import static dev.wharf.engine.values.WitValue.string;
import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.StateKey;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host API plugins are written against: per-instance state ({@link StateKey}, {@link
 * InstanceOptions}), the {@link dev.wharf.engine.Caller} every host function receives, host
 * resource tables, raw guest memory access and {@link dev.wharf.engine.RawHostFunction}s. Uses
 * src/test/resources/linking/host-imports.wat and host-resource.wat.
 */
class HostApiTest {
    private static final String HOST = "wharf:test/host@1.0.0";
    private static final String APP = "wharf:test/app@1.0.0";
    private static final String CELLS = "wharf:test/cells@1.0.0";
    private static final String CELL_USER = "wharf:test/cell-user@1.0.0";
    private static final FuncType ADD = new FuncType(List.of(new FuncType.Param("a", U32), new FuncType.Param("b", U32)), Optional.of(U32));
    private static final FuncType GREET = new FuncType(List.of(new FuncType.Param("name", STRING)), Optional.of(STRING));
    private static final FuncType LOG = new FuncType(List.of(new FuncType.Param("msg", STRING)), Optional.empty());

    /** A per-instance log a "plugin" keeps; created on first use in each instance. */
    private static final StateKey<List<String>> LOG_STATE = StateKey.of("test log", ArrayList::new);
    /** A greeting prefix the embedder must give each instance. */
    private static final StateKey<String> PREFIX = StateKey.of("greeting prefix");

    /** The host object behind a cell handle. */
    static final class Cell {
        final long value;
        Cell(long value) {
            this.value = value;
        }
    }

    private static Engine engine;
    private static ComponentPlan imports;
    private static ComponentPlan resources;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        imports = engine.plan(HostImportsLinkingTest.load("host-imports"));
        resources = engine.plan(HostImportsLinkingTest.load("host-resource"));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private static Linker statefulLinker() {
        return new Linker(engine)
                .define(HOST, "add", ADD, args -> u32((((WitValue.U32) args.get(0)).asLong() + ((WitValue.U32) args.get(1)).asLong()) & 0xffff_ffffL))
                .define(HOST, "greet", GREET, (caller, args) -> string(caller.state(PREFIX) + ((WitValue.Str) args.get(0)).value()))
                .define(HOST, "log", LOG, (caller, args) -> {
                    caller.state(LOG_STATE).add(((WitValue.Str) args.get(0)).value());
                    return null;
                });
    }

    // ------------------------------------------------------------------ state

    @Test
    void eachInstanceHasItsOwnState() {
        PreparedComponent prepared = statefulLinker().prepare(imports);
        try (ComponentInstance a = prepared.instantiate(InstanceOptions.defaults().with(PREFIX, "a: "));
                ComponentInstance b = prepared.instantiate(InstanceOptions.defaults().with(PREFIX, "b: "))) {
            assertThat(a.function(APP, "greet-via-host").call(string("x"))).isEqualTo(string("a: x"));
            assertThat(b.function(APP, "greet-via-host").call(string("y"))).isEqualTo(string("b: y"));
            assertThat(a.function(APP, "greet-via-host").call(string("z"))).isEqualTo(string("a: z"));
            assertThat(a.state(LOG_STATE)).containsExactly("x", "z");
            assertThat(b.state(LOG_STATE)).containsExactly("y");
            b.setState(PREFIX, "b2: ");
            assertThat(b.function(APP, "greet-via-host").call(string("w"))).isEqualTo(string("b2: w"));
        }
    }

    @Test
    void twoInstancesCalledConcurrentlyKeepTheirStateApart() throws Exception {
        PreparedComponent prepared = statefulLinker().prepare(imports);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try {
            List<Future<List<String>>> logs = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                logs.add(pool.submit(() -> {
                    try (ComponentInstance instance = prepared.instantiate(InstanceOptions.defaults().with(PREFIX, name + ": "))) {
                        start.await();
                        for (int i = 0; i < 200; i++) {
                            WitValue r = instance.function(APP, "greet-via-host").call(string(name + i));
                            if (!r.equals(string(name + ": " + name + i))) {
                                throw new AssertionError(r);
                            }
                        }
                        return List.copyOf(instance.state(LOG_STATE));
                    }
                }));
            }
            for (int t = 0; t < 2; t++) {
                String name = t == 0 ? "left" : "right";
                List<String> log = logs.get(t).get();
                assertThat(log).hasSize(200).allMatch(s -> s.startsWith(name));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stateWithoutValueOrInitializerIsAHostError() {
        try (ComponentInstance instance = statefulLinker().prepare(imports).instantiate()) {
            assertThatThrownBy(() -> instance.function(APP, "greet-via-host").call(string("x")))
                    .isInstanceOfSatisfying(Trap.class, t -> {
                        assertThat(t.reason()).isEqualTo(TrapReason.HOST_ERROR);
                        assertThat(t.getCause()).hasMessageContaining("no state for StateKey[greeting prefix]");
                    });
        }
    }

    // ------------------------------------------------------------------ raw memory, raw functions

    @Test
    void aHostFunctionReadsAndWritesGuestMemoryDirectly() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Linker linker = new Linker(engine)
                .define(HOST, "add", ADD, args -> u32(0))
                // log(msg: string): flat (ptr, len), read straight out of guest memory
                .defineRaw(HOST, "log", LOG, (caller, args) -> {
                    byte[] utf8 = caller.memory().readBytes((int) args[0], (int) args[1]);
                    seen.add(caller.function() + " " + new String(utf8, StandardCharsets.UTF_8));
                    return new long[0];
                })
                // greet(name: string) -> string: flat (ptr, len, retptr); the result is allocated with the guest's realloc
                .defineRaw(HOST, "greet", GREET, (caller, args) -> {
                    byte[] name = caller.memory().readBytes((int) args[0], (int) args[1]);
                    byte[] out = ("raw " + new String(name, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    int ptr = caller.realloc(0, 0, 1, out.length);
                    caller.memory().writeBytes(ptr, out);
                    caller.memory().writeInt((int) args[2], ptr);
                    caller.memory().writeInt((int) args[2] + 4, out.length);
                    return new long[0];
                });
        try (ComponentInstance instance = linker.prepare(imports).instantiate()) {
            assertThat(instance.function(APP, "greet-via-host").call(string("wörld"))).isEqualTo(string("raw wörld"));
            assertThat(seen).containsExactly("wharf:test/host@1.0.0#log wörld");
        }
    }

    @Test
    void aRawFunctionReturningTheWrongArityIsAHostError() {
        Linker linker = new Linker(engine)
                .defineRaw(HOST, "add", ADD, (caller, args) -> new long[0])
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        try (ComponentInstance instance = linker.prepare(imports).instantiate()) {
            assertThatThrownBy(() -> instance.function(APP, "add-twice").call(u32(1), u32(2)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.HOST_ERROR))
                    .hasMessageContaining("returned 0 core value(s), its core type has 1");
        }
    }

    @Test
    void aFunctionLoweredWithoutMemoryHasNone() {
        Linker linker = new Linker(engine)
                .define(HOST, "add", ADD, (caller, args) -> {
                    caller.memory();
                    return u32(0);
                })
                .define(HOST, "greet", GREET, args -> string(""))
                .define(HOST, "log", LOG, args -> null);
        try (ComponentInstance instance = linker.prepare(imports).instantiate()) {
            assertThatThrownBy(() -> instance.function(APP, "add-twice").call(u32(1), u32(2)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.getCause()).hasMessageContaining("without a memory option"));
        }
    }

    // ------------------------------------------------------------------ resource tables

    private static final ResourceType CELL = ResourceType.host("cell");
    private static final ResourceType OTHER = ResourceType.host("other");

    private static FuncType ctorType() {
        return new FuncType(List.of(new FuncType.Param("init", U32)), Optional.of(new OwnType(CELL)));
    }

    private static FuncType getType() {
        return new FuncType(List.of(new FuncType.Param("self", new BorrowType(CELL))), Optional.of(U32));
    }

    /** cells in resource tables; {@code getFrom} is the table [method]cell.get reads (CELL, or OTHER to misuse). */
    private static Linker cellLinker(List<Cell> destroyed, ResourceType getFrom) {
        return new Linker(engine)
                .defineResource(CELLS, CELL, (Cell c) -> destroyed.add(c))
                .defineResource("wharf:test/others@1.0.0", OTHER, null)
                .define(CELLS, "[constructor]cell", ctorType(),
                        (caller, args) -> caller.resources(CELL).insert(new Cell(((WitValue.U32) args.get(0)).asLong())))
                .define(CELLS, "[method]cell.get", getType(),
                        (caller, args) -> u32(caller.<Cell>resources(getFrom).get(args.get(0)).value));
    }

    @Test
    void theGuestsDropPassesTheObjectToTheDestructor() {
        List<Cell> destroyed = new ArrayList<>();
        try (ComponentInstance instance = cellLinker(destroyed, CELL).prepare(resources).instantiate()) {
            assertThat(instance.function(CELL_USER, "make-and-read").call(u32(7))).isEqualTo(u32(7));
            assertThat(destroyed).extracting(c -> c.value).containsExactly(7L);
            assertThat(instance.resources(CELL).size()).isZero();
        }
    }

    @Test
    void theHostInsertsLendsAndGivesAwayObjects() {
        List<Cell> destroyed = new ArrayList<>();
        try (ComponentInstance instance = cellLinker(destroyed, CELL).prepare(resources).instantiate()) {
            Cell lent = new Cell(42);
            WitValue.Own mine = instance.resources(CELL).insert(lent);
            assertThat(instance.function(CELL_USER, "read").call(WitValue.borrow(CELL, mine.rep()))).isEqualTo(u32(42));
            assertThat(instance.<Cell>resources(CELL).get(mine)).isSameAs(lent);

            Cell given = new Cell(5);
            instance.function(CELL_USER, "keep").call(instance.resources(CELL).insert(given));
            assertThat(destroyed).isEmpty();
            instance.function(CELL_USER, "release").call();
            assertThat(destroyed).containsExactly(given);

            assertThat(instance.<Cell>resources(CELL).remove(mine)).isSameAs(lent);
            assertThat(instance.resources(CELL).size()).isZero();
            assertThat(destroyed).containsExactly(given); // remove gives the object back without destroying it
        }
    }

    @Test
    void objectsLeftInTheTableAreDestroyedWhenTheInstanceCloses() {
        List<Cell> destroyed = new ArrayList<>();
        Cell left = new Cell(1);
        try (ComponentInstance instance = cellLinker(destroyed, CELL).prepare(resources).instantiate()) {
            instance.resources(CELL).insert(left);
        }
        assertThat(destroyed).containsExactly(left);
    }

    @Test
    void aHandleOfAnotherResourceTypeTraps() {
        try (ComponentInstance instance = cellLinker(new ArrayList<>(), OTHER).prepare(resources).instantiate()) {
            assertThatThrownBy(() -> instance.function(CELL_USER, "make-and-read").call(u32(7)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INVALID_HANDLE))
                    .hasMessageContaining("handle of cell used as other");
            assertThat(instance.isPoisoned()).isTrue();
        }
        try (ComponentInstance instance = cellLinker(new ArrayList<>(), CELL).prepare(resources).instantiate()) {
            WitValue.Own cell = instance.resources(CELL).insert(new Cell(1));
            assertThatThrownBy(() -> instance.resources(OTHER).get(cell))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INVALID_HANDLE));
            assertThatThrownBy(() -> instance.resources(CELL).get(u32(1)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INVALID_HANDLE));
        }
    }

    @Test
    void aDanglingHandleTraps() {
        try (ComponentInstance instance = cellLinker(new ArrayList<>(), CELL).prepare(resources).instantiate()) {
            WitValue.Own cell = instance.resources(CELL).insert(new Cell(3));
            instance.resources(CELL).remove(cell);
            assertThatThrownBy(() -> instance.resources(CELL).remove(cell))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INVALID_HANDLE));
            assertThatThrownBy(() -> instance.function(CELL_USER, "read").call(WitValue.borrow(CELL, cell.rep())))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INVALID_HANDLE))
                    .hasMessageContaining("unknown host resource rep");
        }
    }

    @Test
    void handlesDoNotLeakBetweenInstances() {
        PreparedComponent prepared = cellLinker(new ArrayList<>(), CELL).prepare(resources);
        try (ComponentInstance a = prepared.instantiate(); ComponentInstance b = prepared.instantiate()) {
            WitValue.Own inA = a.resources(CELL).insert(new Cell(10));
            WitValue.Own inB = b.resources(CELL).insert(new Cell(20));
            assertThat(inA.rep()).isEqualTo(inB.rep()); // same slot number, different tables
            assertThat(a.function(CELL_USER, "read").call(WitValue.borrow(CELL, inA.rep()))).isEqualTo(u32(10));
            assertThat(b.function(CELL_USER, "read").call(WitValue.borrow(CELL, inB.rep()))).isEqualTo(u32(20));
            WitValue.Own onlyInA = a.resources(CELL).insert(new Cell(11));
            assertThatThrownBy(() -> b.function(CELL_USER, "read").call(WitValue.borrow(CELL, onlyInA.rep())))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INVALID_HANDLE));
        }
    }

    @Test
    void aResourceWithoutTableIsRefused() {
        AtomicInteger calls = new AtomicInteger();
        Linker linker = new Linker(engine);
        ResourceType raw = linker.defineResource(CELLS, "cell", rep -> calls.incrementAndGet());
        linker.define(CELLS, "[constructor]cell", new FuncType(List.of(new FuncType.Param("init", U32)), Optional.of(new OwnType(raw))),
                (caller, args) -> caller.resources(raw).insert(new Cell(1)));
        linker.define(CELLS, "[method]cell.get", new FuncType(List.of(new FuncType.Param("self", new BorrowType(raw))), Optional.of(U32)),
                args -> u32(0));
        try (ComponentInstance instance = linker.prepare(resources).instantiate()) {
            assertThatThrownBy(() -> instance.resources(raw)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no resource table");
            assertThatThrownBy(() -> instance.function(CELL_USER, "make-and-read").call(u32(1)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.HOST_ERROR));
        }
    }

    @Test
    void componentDefinedResourceTypesCannotBeHostResources() {
        assertThatThrownBy(() -> new Linker(engine).defineResource(CELLS, new ResourceType("cell", true), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theParsedComponentListsItsImportedResourcesByInterface() {
        assertThat(resources.component().importedResources()).containsOnlyKeys(CELLS);
        assertThat(resources.component().importedResources(CELLS)).containsOnlyKeys("cell");
        assertThat(resources.component().importedResources("wharf:test/none")).isEmpty();
        assertThat(imports.component().importedResources()).isEmpty();
    }
}
