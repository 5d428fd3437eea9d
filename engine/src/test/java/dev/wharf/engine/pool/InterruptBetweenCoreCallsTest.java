package dev.wharf.engine.pool;

import static dev.wharf.engine.pool.ResetComponent.CELL;
import static dev.wharf.engine.pool.ResetComponent.CONSTRUCTED;
import static dev.wharf.engine.pool.ResetComponent.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.DropReason;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CallDeadline;
import dev.wharf.engine.core.Interruptible;
import dev.wharf.engine.core.Watchdog;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.pool.ResetComponent.Destroyed;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An interrupt that reaches a component instance while no core instance runs guest code is kept
 * for its call and honoured when the engine next enters guest code or when the call would return,
 * and never reaches the next call. Driven without timing: the interrupt is requested from inside
 * the call (a host function) or delivered before the call starts.
 */
class InterruptBetweenCoreCallsTest {
    private static Engine engine;
    private static Watchdog watchdog;

    private ResetComponent component;
    private ComponentInstance instance;

    @BeforeAll
    static void start() {
        engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
        watchdog = new Watchdog("interrupt-between-core-calls-test");
    }

    @AfterAll
    static void stop() {
        watchdog.close();
        engine.close();
    }

    @BeforeEach
    void instantiate() {
        component = new ResetComponent(engine);
        instance = component.prepared.instantiateResettable(InstanceOptions.defaults().withFactory(CONSTRUCTED, AtomicInteger::new));
    }

    @AfterEach
    void close() {
        instance.close();
        Thread.interrupted();
    }

    @Test
    void anInterruptRequestedAfterTheGuestLastPolledEndsTheCallAndNotTheNext() {
        // make-cell returns right after the host constructor: compiled code polls the interrupt flag
        // only at calls and back-edges, so the core call returns normally and the interrupt would
        // be lost if the component instance did not keep it until the call ends.
        component.duringConstruct = () -> assertThat(instance.interruptCall(instance.callEpoch(), TrapReason.DEADLINE_EXCEEDED))
                .as("the running call takes the interrupt").isTrue();

        assertThatThrownBy(() -> call(instance, "make-cell", 5)).isInstanceOf(Trap.class)
                .extracting(t -> ((Trap) t).reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED);
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt flag leaks into the worker").isFalse();
        assertThat(instance.isPoisoned()).as("no guest code was cut off").isFalse();

        component.duringConstruct = () -> {};
        instance.reset();
        assertThat(component.destroyed).as("the reset released the cell of the stopped call")
                .containsExactly(new Destroyed(5, DropReason.TEARDOWN));
        long handle = call(instance, "make-cell", 7);
        assertThat(call(instance, "read-cell", handle)).isEqualTo(7);
        assertThat(instance.isPoisoned()).isFalse();
    }

    @Test
    void aDeadlineThatFiresBeforeItsCallStartsStopsItAtItsFirstCoreCall() throws Exception {
        Delivered delivered = new Delivered(instance);
        try (CallDeadline deadline = watchdog.arm(delivered, Duration.ZERO)) {
            assertThat(delivered.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(delivered.result).as("kept for the call it was armed for").isTrue();
            awaitWatchdogIdle();

            assertThatThrownBy(() -> call(instance, "make-cell", 5)).isInstanceOf(Trap.class)
                    .extracting(t -> ((Trap) t).reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED);
            assertThat(deadline.expired()).isTrue();
        }
        assertThat(instance.state(CONSTRUCTED).get()).as("the guest never ran").isZero();
        assertThat(instance.resources(CELL).size()).isZero();
        assertThat(instance.isPoisoned()).isFalse();

        instance.reset();
        assertThat(call(instance, "bump")).isEqualTo(1);
        assertThat(call(instance, "read-cell", call(instance, "make-cell", 6))).isEqualTo(6);
        assertThat(instance.state(CONSTRUCTED).get()).isEqualTo(1);
    }

    @Test
    void anInstanceThatCannotBeResetIsPoisonedByTheSameStop() {
        try (ComponentInstance plain = component.prepared.instantiate(
                InstanceOptions.defaults().withFactory(CONSTRUCTED, AtomicInteger::new))) {
            component.duringConstruct = () -> plain.interruptCall(plain.callEpoch(), TrapReason.INTERRUPTED);
            assertThatThrownBy(() -> call(plain, "make-cell", 5)).isInstanceOf(Trap.class)
                    .extracting(t -> ((Trap) t).reason()).isEqualTo(TrapReason.INTERRUPTED);
            assertThat(plain.isPoisoned()).as("without a reset the stopped call's handles would stay").isTrue();
            assertThat(plain.trapReason()).contains(TrapReason.INTERRUPTED);
        }
    }

    @Test
    void anInterruptWithNoCallRunningIsNotKeptForTheNextCall() {
        instance.interrupt(TrapReason.INTERRUPTED);
        assertThat(call(instance, "bump")).isEqualTo(1);

        long ended = instance.callEpoch();
        call(instance, "bump");
        assertThat(instance.interruptCall(ended, TrapReason.DEADLINE_EXCEEDED)).as("that call has ended").isFalse();
        assertThat(call(instance, "bump")).isEqualTo(3);
    }

    /** The watchdog has one thread: once a later task ran, the deadline's task has finished. */
    private static void awaitWatchdogIdle() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        watchdog.arm((Interruptible) reason -> ran.countDown(), Duration.ZERO);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Forwards the watchdog's interrupt and records what the instance answered. */
    private static final class Delivered implements Interruptible {
        final ComponentInstance target;
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean result;

        Delivered(ComponentInstance target) {
            this.target = target;
        }

        @Override
        public void interrupt(TrapReason reason) {
            throw new AssertionError("the watchdog must interrupt one call, not whatever runs");
        }

        @Override
        public long callEpoch() {
            return target.callEpoch();
        }

        @Override
        public boolean interruptCall(long epoch, TrapReason reason) {
            try {
                result = target.interruptCall(epoch, reason);
                return result;
            } finally {
                done.countDown();
            }
        }
    }
}
