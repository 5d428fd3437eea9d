package dev.wharf.engine.pool;

import static dev.wharf.engine.pool.ResetComponent.CELL;
import static dev.wharf.engine.pool.ResetComponent.CONSTRUCTED;
import static dev.wharf.engine.pool.ResetComponent.REQUEST;
import static dev.wharf.engine.pool.ResetComponent.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.DropReason;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.StateKey;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.pool.ResetComponent.Destroyed;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ComponentInstance#reset}: what one request writes, the next one after a reset does not see. */
class ComponentResetTest {
    private static final StateKey<List<String>> SHARED = StateKey.of("shared");
    private static final List<String> SHARED_VALUE = List.of("app config");
    private static Engine engine;

    private ResetComponent component;
    private InstanceOptions options;

    @BeforeAll
    static void startEngine() {
        engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void link() {
        component = new ResetComponent(engine);
        options = InstanceOptions.defaults().withFactory(CONSTRUCTED, AtomicInteger::new).with(SHARED, SHARED_VALUE);
    }

    @Test
    void resetRestoresMemoryGlobalsAndTables() {
        try (ComponentInstance instance = component.prepared.instantiateResettable(options)) {
            call(instance, "poke", 100, 0xCAFE);
            assertThat(call(instance, "bump")).isEqualTo(1);
            assertThat(call(instance, "bump")).isEqualTo(2);
            call(instance, "table-set");
            assertThat(call(instance, "table-is-set")).isEqualTo(1);
            assertThat(call(instance, "grow", 3)).isEqualTo(1);
            assertThat(instance.memoryBytes()).isEqualTo(4L * CoreMemory.PAGE_SIZE);

            instance.reset();

            assertThat(call(instance, "peek", 100)).as("memory contents").isZero();
            assertThat(call(instance, "pages")).as("memory size").isEqualTo(1);
            assertThat(instance.memoryBytes()).isEqualTo(instance.initialMemoryBytes()).isEqualTo(CoreMemory.PAGE_SIZE);
            assertThat(call(instance, "bump")).as("the global starts over").isEqualTo(1);
            assertThat(call(instance, "table-is-set")).as("the table slot is null again").isZero();
        }
    }

    @Test
    void resetEmptiesHandleTablesAndTearsDownHostObjects() {
        try (ComponentInstance instance = component.prepared.instantiateResettable(options)) {
            long h1 = call(instance, "make-cell", 7);
            long h2 = call(instance, "make-cell", 8);
            assertThat(call(instance, "read-cell", h1)).isEqualTo(7);
            assertThat(instance.resources(CELL).size()).isEqualTo(2);
            // a cell the guest drops itself is a guest drop
            call(instance, "drop-cell", h2);
            assertThat(component.destroyed).containsExactly(new Destroyed(8, DropReason.GUEST_DROP));

            instance.reset();

            assertThat(component.destroyed).containsExactly(new Destroyed(8, DropReason.GUEST_DROP), new Destroyed(7, DropReason.TEARDOWN));
            assertThat(instance.resources(CELL).size()).isZero();
            // the guest's old handle index is gone from its handle table
            assertThatThrownBy(() -> call(instance, "read-cell", h1)).isInstanceOf(Trap.class)
                    .extracting(t -> ((Trap) t).reason()).isEqualTo(TrapReason.INVALID_HANDLE);
        }
    }

    @Test
    void resetRecreatesHostStateFromTheOptions() {
        try (ComponentInstance instance = component.prepared.instantiateResettable(options)) {
            AtomicInteger first = instance.state(CONSTRUCTED);
            instance.setState(REQUEST, "request 1");
            call(instance, "make-cell", 1);
            assertThat(first.get()).isEqualTo(1);

            instance.reset();

            assertThat(instance.state(CONSTRUCTED)).as("a new object from the factory").isNotSameAs(first).hasValue(0);
            assertThat(instance.state(SHARED)).as("a value given with `with` stays as given").isSameAs(SHARED_VALUE);
            assertThatThrownBy(() -> instance.state(REQUEST)).as("per-request state is gone").isInstanceOf(IllegalStateException.class);
            instance.setState(REQUEST, "request 2");
            assertThat(instance.state(REQUEST)).isEqualTo("request 2");
        }
    }

    @Test
    void eachNewInstanceGetsItsOwnFactoryValueAndTheSameGivenValue() {
        try (ComponentInstance a = component.prepared.instantiate(options); ComponentInstance b = component.prepared.instantiate(options)) {
            assertThat(a.state(CONSTRUCTED)).isNotSameAs(b.state(CONSTRUCTED));
            assertThat(a.state(SHARED)).isSameAs(b.state(SHARED)).isSameAs(SHARED_VALUE);
        }
    }

    @Test
    void aLaterWithOrWithFactoryForTheSameKeyReplacesTheEarlierOne() {
        AtomicInteger given = new AtomicInteger(41);
        InstanceOptions valueWins = options.with(CONSTRUCTED, given);
        assertThat(valueWins.factories()).doesNotContainKey(CONSTRUCTED);
        assertThat(valueWins.newState().get(CONSTRUCTED)).isSameAs(given);
        InstanceOptions factoryWins = valueWins.withFactory(CONSTRUCTED, () -> new AtomicInteger(7));
        assertThat(factoryWins.state()).doesNotContainKey(CONSTRUCTED);
        assertThat(factoryWins.newState().get(CONSTRUCTED)).isNotSameAs(given).hasToString("7");
        assertThatThrownBy(() -> InstanceOptions.defaults().withFactory(CONSTRUCTED, () -> null).newState())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned null");
    }

    @Test
    void aTrappedInstanceCannotBeReset() {
        try (ComponentInstance instance = component.prepared.instantiateResettable(options)) {
            assertThatThrownBy(() -> call(instance, "fail")).isInstanceOf(Trap.class);
            assertThat(instance.isPoisoned()).isTrue();
            assertThat(instance.trapReason()).contains(TrapReason.UNREACHABLE);
            assertThatThrownBy(instance::reset).isInstanceOf(IllegalStateException.class).hasMessageContaining("discarded");
        }
    }

    @Test
    void onlyResettableInstancesReset() {
        try (ComponentInstance instance = component.prepared.instantiate(options)) {
            assertThat(instance.isResettable()).isFalse();
            assertThatThrownBy(instance::reset).isInstanceOf(IllegalStateException.class).hasMessageContaining("instantiateResettable");
        }
    }

    @Test
    void aFailingStateFactoryPoisonsTheResetInstance() {
        AtomicInteger made = new AtomicInteger();
        InstanceOptions failingSecondTime = InstanceOptions.defaults().withFactory(CONSTRUCTED, () -> {
            if (made.incrementAndGet() > 1) {
                throw new IllegalStateException("no more counters");
            }
            return new AtomicInteger();
        });
        try (ComponentInstance instance = component.prepared.instantiateResettable(failingSecondTime)) {
            assertThatThrownBy(instance::reset).hasMessage("no more counters");
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void closingTearsDownWithTheTeardownReason() {
        ComponentInstance instance = component.prepared.instantiate(options);
        call(instance, "make-cell", 3);
        instance.close();
        assertThat(component.destroyed).containsExactly(new Destroyed(3, DropReason.TEARDOWN));
    }

    @Test
    void rawHostFunctionCreatesAnOwnHandleTheGuestUsesAndDrops() {
        try (ComponentInstance instance = component.prepared.instantiate(options)) {
            assertThat(call(instance, "make-raw", 42)).as("the guest read the cell through the handle the raw function made").isEqualTo(42);
            assertThat(component.destroyed).as("the guest's drop ran the destructor").containsExactly(new Destroyed(42, DropReason.GUEST_DROP));
            assertThat(instance.resources(CELL).size()).isZero();
        }
    }
}
