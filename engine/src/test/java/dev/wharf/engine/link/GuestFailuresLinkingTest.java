package dev.wharf.engine.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.ExportedFunction;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CallDeadline;
import dev.wharf.engine.core.Watchdog;
import java.time.Duration;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** trap-c and loop-c: a guest trap and an interrupted endless loop inside wasi:http handle poison the instance. */
class GuestFailuresLinkingTest {
    private static final String TYPES = "wasi:http/types@0.2.10";
    private static final String HANDLER = "wasi:http/incoming-handler@0.2.10";
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private record Handler(ComponentInstance instance, ExportedFunction handle, WitValue request, WitValue outparam) {}

    private static Handler handler(String fixture) {
        ComponentPlan plan = engine.plan(LinkTesting.fixture(fixture));
        StubLinker stubs = new StubLinker(engine, plan, Map.of());
        ResourceType request = stubs.resources.get(TYPES + "#incoming-request");
        ResourceType outparam = stubs.resources.get(TYPES + "#response-outparam");
        ComponentInstance instance = stubs.linker.prepare(plan).instantiate();
        return new Handler(instance, instance.function(HANDLER, "handle"), instance.resources(request).insert("request"),
                instance.resources(outparam).insert("outparam"));
    }

    @Test
    void aGuestTrapPoisonsTheInstance() {
        Handler h = handler("trap-c");
        try (ComponentInstance instance = h.instance()) {
            assertThatThrownBy(() -> h.handle().call(h.request(), h.outparam()))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.UNREACHABLE));
            assertThat(instance.isPoisoned()).isTrue();
            assertThatThrownBy(() -> h.handle().call(h.request(), h.outparam())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @Timeout(30)
    void anEndlessLoopIsInterrupted() {
        Handler h = handler("loop-c");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (ComponentInstance instance = h.instance()) {
            timer.schedule(() -> instance.interrupt(TrapReason.DEADLINE_EXCEEDED), 200, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> h.handle().call(h.request(), h.outparam()))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            assertThat(instance.isPoisoned()).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag cleared").isFalse();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    @Timeout(30)
    void theWatchdogArmsAComponentInstanceDirectly() {
        Handler h = handler("loop-c");
        try (ComponentInstance instance = h.instance()) {
            CallDeadline deadline = Watchdog.shared().arm(instance, Duration.ofMillis(200));
            try (deadline) {
                assertThatThrownBy(() -> h.handle().call(h.request(), h.outparam()))
                        .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            }
            assertThat(deadline.expired()).isTrue();
            assertThat(instance.isPoisoned()).isTrue();
        }
    }
}
