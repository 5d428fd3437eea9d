package dev.wharf.engine.link;

import static dev.wharf.engine.types.PrimitiveType.U32;
import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.UnlinkableComponentException;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A component importing a host resource (src/test/resources/linking/host-resource.wat): the host's
 * resource type replaces the imported one, handles cross both ways, the host destructor runs on the
 * guest's last drop.
 */
class HostResourcesLinkingTest {
    private static final String CELLS = "wharf:test/cells@1.0.0";
    private static final String APP = "wharf:test/cell-user@1.0.0";
    private static Engine engine;
    private static ComponentPlan plan;

    private final Map<Integer, Long> cells = new HashMap<>();
    private final List<Integer> dropped = new ArrayList<>();
    private int nextRep = 100;
    private ResourceType cell;
    private Linker linker;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        plan = engine.plan(HostImportsLinkingTest.load("host-resource"));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    @BeforeEach
    void defineCells() {
        linker = new Linker(engine);
        cell = linker.defineResource(CELLS, "cell", rep -> {
            dropped.add(rep);
            cells.remove(rep);
        });
        linker.define(CELLS, "[constructor]cell", ctorType(cell), args -> newCell(((WitValue.U32) args.get(0)).asLong()));
        linker.define(CELLS, "[method]cell.get", getType(cell),
                args -> u32(cells.get(((WitValue.Borrow) args.get(0)).rep())));
    }

    private static FuncType ctorType(ResourceType r) {
        return new FuncType(List.of(new FuncType.Param("init", U32)), Optional.of(new OwnType(r)));
    }

    private static FuncType getType(ResourceType r) {
        return new FuncType(List.of(new FuncType.Param("self", new BorrowType(r))), Optional.of(U32));
    }

    private WitValue.Own newCell(long value) {
        int rep = nextRep++;
        cells.put(rep, value);
        return WitValue.own(cell, rep);
    }

    @Test
    void theGuestCreatesReadsAndDropsAHostResource() {
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThat(instance.function(APP, "make-and-read").call(u32(7))).isEqualTo(u32(7));
            assertThat(dropped).containsExactly(100);
            assertThat(cells).isEmpty();
        }
    }

    @Test
    void theHostLendsItsResourceToTheGuest() {
        WitValue.Own mine = newCell(42);
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThat(instance.function(APP, "read").call(WitValue.borrow(cell, mine.rep()))).isEqualTo(u32(42));
            // an own the host still holds can be lent as well
            assertThat(instance.function(APP, "read").call(mine)).isEqualTo(u32(42));
        }
        assertThat(dropped).isEmpty();
    }

    @Test
    void ownershipMovesIntoTheGuestAndItsDropRunsTheHostDestructor() {
        WitValue.Own given = newCell(5);
        try (ComponentInstance instance = linker.prepare(plan).instantiate()) {
            assertThat(((WitValue.U32) instance.function(APP, "keep").call(given)).asLong()).isPositive();
            assertThat(dropped).isEmpty();
            instance.function(APP, "release").call();
            assertThat(dropped).containsExactly(given.rep());
        }
    }

    /**
     * compose/wrapped-host-resource.wat: the same component nested in an outer one that passes the
     * host's cells on (as wac composes): its canon lower, resource.drop and lifts use the host type.
     */
    @Test
    void aNestedComponentUsesTheHostResourceItsParentPassesOn() {
        ComponentPlan wrapped = engine.plan(ComposedComponentsTest.load("wrapped-host-resource"));
        assertThat(wrapped.requiredFunctions()).containsExactly(
                "wharf:test/cells@1.0.0#[constructor]cell: func(init: u32) -> own<cell>",
                "wharf:test/cells@1.0.0#[method]cell.get: func(self: borrow<cell>) -> u32");
        WitValue.Own mine = newCell(42);
        WitValue.Own given = newCell(5);
        try (ComponentInstance instance = linker.prepare(wrapped).instantiate()) {
            assertThat(instance.function(APP, "make-and-read").call(u32(7))).isEqualTo(u32(7));
            assertThat(dropped).containsExactly(102);
            assertThat(instance.function(APP, "read").call(WitValue.borrow(cell, mine.rep()))).isEqualTo(u32(42));
            instance.function(APP, "keep").call(given);
            instance.function(APP, "release").call();
            assertThat(dropped).containsExactly(102, given.rep());
        }
    }

    @Test
    void theFunctionTypesMustUseTheHostResource() {
        Linker other = new Linker(engine);
        other.defineResource(CELLS, "cell", null);
        ResourceType stranger = other.defineResource("wharf:test/elsewhere@1.0.0", "cell", null);
        other.define(CELLS, "[constructor]cell", ctorType(stranger), args -> null);
        other.define(CELLS, "[method]cell.get", getType(stranger), args -> null);
        assertThatThrownBy(() -> other.prepare(plan))
                .isInstanceOf(UnlinkableComponentException.class)
                .hasMessage("import wharf:test/cells@1.0.0#[constructor]cell has the wrong type: the component expects "
                        + "func(init: u32) -> own<cell>, the linker defines wharf:test/cells@1.0.0#[constructor]cell as func(init: u32) -> own<cell>"
                        + " (same text, other resource types: build the type with the ResourceType that defineResource returned)");
    }

    @Test
    void aMissingResourceIsNamed() {
        Linker noResource = new Linker(engine);
        noResource.define(CELLS, "[method]cell.get", getType(new ResourceType("cell", false)), args -> null);
        assertThatThrownBy(() -> noResource.prepare(plan))
                .isInstanceOfSatisfying(UnlinkableComponentException.class,
                        e -> assertThat(e.importName()).isEqualTo("wharf:test/cells@1.0.0#cell"))
                .hasMessage("missing import wharf:test/cells@1.0.0#cell: resource; the linker defines no resources for wharf:test/cells@1.0.0");
    }
}
