package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.list;
import static dev.wharf.engine.values.WitValue.record;
import static dev.wharf.engine.values.WitValue.string;
import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.Linker;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Composed components (src/test/resources/compose): nested components with their own core
 * instances, canonical definitions and resources, calling each other through lift-then-lower
 * adapters, as wac and {@code wasm-tools compose} produce them.
 */
class ComposedComponentsTest {
    private static final String COUNTERS = "wharf:test/counters@1.0.0";
    private static final String COUNTERS2 = "wharf:test/counters2@1.0.0";
    private static final String TEXT = "wharf:test/text@1.0.0";
    private static final String CONSUMER = "wharf:test/consumer@1.0.0";
    private static Engine engine;
    private static ComponentPlan composed;
    private ComponentInstance instance;

    @BeforeAll
    static void setUpEngine() {
        engine = LinkTesting.newEngine();
        composed = engine.plan(load("composed"));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @BeforeEach
    void setUp() {
        instance = new Linker(engine).prepare(composed).instantiate();
    }

    @AfterEach
    void tearDown() {
        instance.close();
    }

    static byte[] load(String name) {
        try (InputStream in = ComposedComponentsTest.class.getResourceAsStream("/compose/" + name + ".wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WitValue call(String iface, String fn, WitValue... args) {
        return instance.function(iface, fn).call(args);
    }

    @Test
    void stringsAreReEncodedBetweenUtf8AndUtf16() {
        String s = "a\uD83D\uDE00\u00E9";                                  // a, an emoji (a surrogate pair), e acute
        assertThat(call(CONSUMER, "bytes", string(s))).isEqualTo(u32(7));  // the consumer sees UTF-8 bytes
        assertThat(call(CONSUMER, "units", string(s))).isEqualTo(u32(4));  // the text component UTF-16 code units
        assertThat(call(TEXT, "count-units", string(s))).isEqualTo(u32(4));
        for (String text : new String[] {s, "", "hello, world", "\u00FC".repeat(300) + "\uD83D\uDE00"}) {
            assertThat(call(CONSUMER, "echo", string(text))).isEqualTo(string(text));
        }
    }

    @Test
    void theCalleesPostReturnRunsAfterEachAdaptedCall() {
        call(CONSUMER, "echo", string("one"));
        call(CONSUMER, "echo", string("two"));
        assertThat(call(TEXT, "post-returns")).isEqualTo(u32(2));
    }

    @Test
    void listsAndRecordsAreCopiedBetweenMemories() {
        assertThat(call(CONSUMER, "sum", list(u32(1), u32(2), u32(3), u32(40)))).isEqualTo(u32(46));
        assertThat(call(CONSUMER, "sum", list())).isEqualTo(u32(0));
        assertThat(call(CONSUMER, "swap", record(u32(1), u32(2)))).isEqualTo(record(u32(2), u32(1)));
    }

    @Test
    void ownHandlesMoveBetweenInstancesAndTheDefinersDestructorRuns() {
        WitValue.Own counter = (WitValue.Own) call(CONSUMER, "make", u32(7));
        assertThat(counter.rep()).isEqualTo(7);
        assertThat(call(COUNTERS, "dropped")).isEqualTo(u32(0));
        assertThat(call(CONSUMER, "consume", counter)).isEqualTo(u32(7));   // the consumer drops its own handle
        assertThat(call(COUNTERS, "dropped")).isEqualTo(u32(1));
    }

    @Test
    void borrowsAreLentThroughTheConsumerToTheDefiner() {
        WitValue.Own counter = (WitValue.Own) call(COUNTERS, "[constructor]counter", u32(5));
        assertThat(call(CONSUMER, "read", WitValue.borrow(counter.resource(), counter.rep()))).isEqualTo(u32(5));
        assertThat(call(CONSUMER, "read", counter)).isEqualTo(u32(5));
        assertThat(call(COUNTERS, "dropped")).isEqualTo(u32(0));            // a borrow's drop does not destroy
        instance.drop(counter);
        assertThat(call(COUNTERS, "dropped")).isEqualTo(u32(1));
    }

    @Test
    void eachInstantiationOfANestedComponentDefinesAFreshResourceType() {
        ResourceType first = ((OwnType) instance.function(COUNTERS, "[constructor]counter").type().result().orElseThrow()).resource();
        ResourceType second = ((OwnType) instance.function(COUNTERS2, "[constructor]counter").type().result().orElseThrow()).resource();
        ResourceType consumed = ((OwnType) instance.function(CONSUMER, "consume").type().params().get(0).type()).resource();
        assertThat(first).isNotSameAs(second);
        assertThat(consumed).isSameAs(first);

        WitValue.Own other = (WitValue.Own) call(COUNTERS2, "[constructor]counter", u32(9));
        assertThat(other.resource()).isSameAs(second);
        instance.drop(other);                                                // the second instance's destructor runs
        assertThat(call(COUNTERS2, "dropped")).isEqualTo(u32(1));
        assertThat(call(COUNTERS, "dropped")).isEqualTo(u32(0));

        WitValue.Own another = (WitValue.Own) call(COUNTERS2, "[constructor]counter", u32(10));
        assertThatThrownBy(() -> call(CONSUMER, "consume", another))          // the consumer takes the first one's counters
                .isInstanceOf(Trap.class)
                .hasMessageContaining("own<counter> given where own<counter> is expected");
    }

    @Test
    void aParentWrappingAChildMayBeCalledBackButTheRunningChildMayNotBeReEntered() {
        ComponentPlan donut = engine.plan(load("donut"));
        try (ComponentInstance parent = new Linker(engine).prepare(donut).instantiate()) {
            parent.function("run").call();                                   // parent -> child -> parent
            parent.function("child-f").call();                               // host -> child -> parent
            assertThat(parent.function("calls").call()).isEqualTo(u32(2));
            parent.function("arm").call();
            assertThatThrownBy(() -> parent.function("run").call())          // parent -> child -> parent -> child
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.CANNOT_ENTER))
                    .hasMessageContaining("it would re-enter a component instance that is already running a call");
            assertThat(parent.isPoisoned()).isTrue();
        }
    }

    @Test
    void anInstanceArgumentMayExportMoreButNotLessThanTheImportDeclares() {
        // composed.wasm: the consumer imports three of the four exports of the counters instance
        assertThat(instance.function(COUNTERS, "dropped").call()).isEqualTo(u32(0));
        assertThatThrownBy(() -> engine.plan(load("missing-export")))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("component 1 import 'lib' needs an instance exporting 'g', which the argument lacks");
    }

    @Test
    void recordsInAnImportMustEqualTheArgumentsFieldByField() {
        assertThatThrownBy(() -> engine.plan(load("record-mismatch")))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("component 1 import 'lib', export 'r' needs type record { x: u32, y: u32 }")
                .hasMessageContaining("but the argument is record { x: u32, z: u32 }");
    }

    @Test
    void theResourcesOfTwoInstantiationsAreTwoTypesAlreadyForValidation() {
        assertThatThrownBy(() -> engine.plan(load("mixed-resources")))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("component 1 import 'counters', export 'make' needs func(start: u32) -> own<counter>"
                        + " but the argument is func(start: u32) -> own<counter> (same text, other resource types)");
    }

    @Test
    void aResetRestoresTheCoreStateOfEveryNestedInstance() {
        try (ComponentInstance pooled = new Linker(engine).prepare(composed).instantiateResettable(dev.wharf.engine.InstanceOptions.defaults())) {
            WitValue.Own counter = (WitValue.Own) pooled.function(CONSUMER, "make").call(u32(3));
            pooled.function(CONSUMER, "consume").call(counter);
            pooled.function(CONSUMER, "echo").call(string("x"));
            assertThat(pooled.function(COUNTERS, "dropped").call()).isEqualTo(u32(1));
            assertThat(pooled.function(TEXT, "post-returns").call()).isEqualTo(u32(1));
            pooled.reset();
            assertThat(pooled.function(COUNTERS, "dropped").call()).isEqualTo(u32(0));
            assertThat(pooled.function(TEXT, "post-returns").call()).isEqualTo(u32(0));
            assertThat(pooled.function(CONSUMER, "echo").call(string("again"))).isEqualTo(string("again"));
        }
    }

    @Test
    void whatStaysUnsupportedInsideANestedComponentIsNamedAsAtTheTop() {
        assertThatThrownBy(() -> engine.plan(load("nested-async")))
                .isInstanceOf(dev.wharf.engine.UnsupportedComponentFeatureException.class)
                .hasMessageStartingWith("not supported yet: async function type (type section: ");
    }
}
