package dev.wharf.engine.pool;

import static dev.wharf.engine.pool.ResetComponent.CONSTRUCTED;
import static dev.wharf.engine.pool.ResetComponent.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CallDeadline;
import dev.wharf.engine.core.Interruptible;
import dev.wharf.engine.core.Watchdog;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deadline that fires just as its call returns must not stop the next call of a reused
 * instance. The race is driven with latches: the watchdog thread is held between deciding to
 * fire and reaching the instance until the next call is running inside a host function.
 */
class LateDeadlineTest {
    private static Engine engine;
    private static Watchdog watchdog;

    @BeforeAll
    static void start() {
        engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
        watchdog = new Watchdog("late-deadline-test");
    }

    @AfterAll
    static void stop() {
        watchdog.close();
        engine.close();
    }

    /** Forwards to the instance, but holds the watchdog thread until {@code release}. */
    private static final class HeldInterrupt implements Interruptible {
        final ComponentInstance target;
        final CountDownLatch firing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch forwarded = new CountDownLatch(1);
        final AtomicBoolean delivered = new AtomicBoolean();

        HeldInterrupt(ComponentInstance target) {
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
            firing.countDown();
            await(release);
            try {
                delivered.set(target.interruptCall(epoch, reason));
                return delivered.get();
            } finally {
                forwarded.countDown();
            }
        }
    }

    @Test
    void aDeadlineFiringAsItsCallReturnsDoesNotInterruptTheNextCallAfterAReset() throws Exception {
        ResetComponent component = new ResetComponent(engine);
        InstanceOptions options = InstanceOptions.defaults().withFactory(CONSTRUCTED, AtomicInteger::new);
        try (ComponentInstance instance = component.prepared.instantiateResettable(options)) {
            HeldInterrupt held = new HeldInterrupt(instance);
            // request 1: its deadline fires (timeout 0) and the watchdog thread is held in flight
            CallDeadline deadline = watchdog.arm(held, Duration.ZERO);
            assertThat(held.firing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(call(instance, "bump")).isEqualTo(1);
            deadline.close();
            instance.reset();

            // request 2 is inside a host function when the late interrupt reaches the instance
            component.duringConstruct = () -> {
                held.release.countDown();
                await(held.forwarded);
            };
            long handle = call(instance, "make-cell", 5);

            assertThat(held.delivered).as("the late deadline was dropped").isFalse();
            assertThat(deadline.expired()).isFalse();
            assertThat(call(instance, "read-cell", handle)).isEqualTo(5);
            assertThat(instance.isPoisoned()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).as("no interrupt flag leaks into the worker").isFalse();
        }
    }

    @Test
    void aDeadlineStillInterruptsTheCallItWasArmedFor() throws Exception {
        ResetComponent component = new ResetComponent(engine);
        InstanceOptions options = InstanceOptions.defaults().withFactory(CONSTRUCTED, AtomicInteger::new);
        try (ComponentInstance instance = component.prepared.instantiateResettable(options)) {
            call(instance, "bump");
            instance.reset();
            HeldInterrupt held = new HeldInterrupt(instance);
            // armed before the call starts: the epoch names the next call, which it must stop
            CallDeadline deadline = watchdog.arm(held, Duration.ZERO);
            assertThat(held.firing.await(10, TimeUnit.SECONDS)).isTrue();
            component.duringConstruct = () -> {
                held.release.countDown();
                await(held.forwarded);
            };
            assertThatThrownBy(() -> call(instance, "make-cell", 5)).isInstanceOf(Trap.class)
                    .extracting(t -> ((Trap) t).reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED);
            assertThat(deadline.expired()).isTrue();
            deadline.close();
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void anInterruptForACallThatEndedIsDroppedEvenWithNoCallRunning() {
        ResetComponent component = new ResetComponent(engine);
        InstanceOptions options = InstanceOptions.defaults().withFactory(CONSTRUCTED, AtomicInteger::new);
        try (ComponentInstance instance = component.prepared.instantiateResettable(options)) {
            long before = instance.callEpoch();
            call(instance, "bump");
            assertThat(instance.callEpoch()).isNotEqualTo(before);
            long afterCall = instance.callEpoch();
            instance.reset();
            assertThat(instance.callEpoch()).as("a reset starts a new epoch").isNotEqualTo(afterCall);
            assertThat(instance.interruptCall(before, TrapReason.DEADLINE_EXCEEDED)).isFalse();
            assertThat(call(instance, "bump")).isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
