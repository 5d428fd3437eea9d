package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Trap;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * abi-resources.wat: a resource the guest defines (resource.new/rep/drop, destructor in another core
 * instance), used through its exported constructor, methods, a free function taking a borrow and one
 * taking ownership.
 */
class ResourcesLinkingTest {
    private static final String IFACE = "wharf:abi/resources";
    private static Engine engine;
    private ComponentInstance instance;

    @BeforeAll
    static void setUpEngine() {
        engine = LinkTesting.newEngine();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @BeforeEach
    void setUp() {
        instance = LinkTesting.instantiate(engine, "abi-resources");
    }

    @AfterEach
    void tearDown() {
        instance.close();
    }

    private WitValue call(String fn, WitValue... args) {
        return instance.function(IFACE, fn).call(args);
    }

    private WitValue.Own newCounter(long init) {
        WitValue v = call("[constructor]counter", u32(init));
        assertThat(v).isInstanceOf(WitValue.Own.class);
        return (WitValue.Own) v;
    }

    private static WitValue.Borrow borrow(WitValue.Own own) {
        return WitValue.borrow(own.resource(), own.rep());
    }

    @Test
    void constructorReturnsAnOwnedHandleOfTheDefinedResource() {
        WitValue.Own c = newCounter(5);
        assertThat(c.resource().defined()).isTrue();
        assertThat(c.rep()).as("rep is the cell address from the guest's bump allocator").isGreaterThanOrEqualTo(1024);
    }

    @Test
    void methodsThroughBorrows() {
        WitValue.Own c = newCounter(5);
        assertThat(call("[method]counter.increment", borrow(c))).isEqualTo(u32(6));
        assertThat(call("[method]counter.increment", borrow(c))).isEqualTo(u32(7));
        assertThat(call("[method]counter.get", borrow(c))).isEqualTo(u32(7));
        assertThat(call("read-counter", borrow(c))).isEqualTo(u32(7));
    }

    @Test
    void countersAreIndependent() {
        WitValue.Own a = newCounter(1);
        WitValue.Own b = newCounter(100);
        assertThat(a.rep()).isNotEqualTo(b.rep());
        call("[method]counter.increment", borrow(a));
        assertThat(call("[method]counter.get", borrow(a))).isEqualTo(u32(2));
        assertThat(call("[method]counter.get", borrow(b))).isEqualTo(u32(100));
    }

    @Test
    void consumeTakesOwnershipAndTheGuestDropRunsTheDestructor() {
        WitValue.Own c = newCounter(41);
        call("[method]counter.increment", borrow(c));
        assertThat(call("dropped-count")).isEqualTo(u32(0));
        assertThat(call("consume", c)).isEqualTo(u32(42));
        assertThat(call("dropped-count")).isEqualTo(u32(1));
        // the guest's handle table is empty again: the handle moved in and was dropped
        assertThat(call("consume", newCounter(3))).isEqualTo(u32(3));
        assertThat(call("dropped-count")).isEqualTo(u32(2));
    }

    @Test
    void hostDropRunsTheGuestDestructor() {
        WitValue.Own c = newCounter(9);
        instance.drop(c);
        assertThat(call("dropped-count")).isEqualTo(u32(1));
    }

    @Test
    void aHandleOfAnotherResourceTypeTraps() {
        ResourceType other = new ResourceType("other", true);
        assertThatThrownBy(() -> call("consume", WitValue.own(other, 1024))).isInstanceOf(Trap.class);
        assertThat(instance.isPoisoned()).isTrue();
        assertThatThrownBy(() -> call("dropped-count")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be discarded");
    }
}
