package dev.wharf.wasi.http.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.wasi.http.internal.testing.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PollTest {

    private static final class Flag {
        final ReadinessSignal signal = new ReadinessSignal();
        final AtomicBoolean set = new AtomicBoolean();
        final Pollable pollable = signal.pollable(set::get);

        void raise() {
            set.set(true);
            signal.signal();
        }
    }

    /** Runs poll on its own thread; the future holds the indices or the exception. */
    private static CompletableFuture<int[]> pollOnThread(List<Pollable> list, Thread[] threadOut) {
        CompletableFuture<int[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(Poll.poll(list));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "guest");
        threadOut[0] = t;
        t.start();
        return result;
    }

    @Test
    void returnsAllReadyIndicesIncludingDuplicates() throws Exception {
        Flag a = new Flag();
        Flag b = new Flag();
        a.raise();
        assertThat(Poll.poll(List.of(a.pollable, b.pollable, a.pollable, Pollables.ready()))).containsExactly(0, 2, 3);
    }

    @Test
    void emptyListTraps() {
        assertThatThrownBy(() -> Poll.poll(List.of())).isInstanceOf(WasiTrap.class);
    }

    @Test
    void blocksParkedUntilSignalledFromAnotherThread() throws Exception {
        Flag a = new Flag();
        Flag b = new Flag();
        Thread[] t = new Thread[1];
        CompletableFuture<int[]> result = pollOnThread(List.of(a.pollable, b.pollable, b.pollable), t);
        Threads.awaitParked(t[0]);
        assertThat(t[0].getState()).isEqualTo(Thread.State.WAITING); // no deadline: untimed park, no spinning
        assertThat(result).isNotDone();
        b.raise();
        assertThat(result.get(5, TimeUnit.SECONDS)).containsExactly(1, 2);
    }

    @Test
    void aBlockedPollBurnsNoCpu() throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadCpuTimeSupported());
        Flag a = new Flag();
        Thread[] t = new Thread[1];
        CompletableFuture<int[]> result = pollOnThread(List.of(a.pollable), t);
        Threads.awaitParked(t[0]);
        long before = mx.getThreadCpuTime(t[0].threadId());
        Thread.sleep(300);
        long used = mx.getThreadCpuTime(t[0].threadId()) - before;
        a.raise();
        result.get(5, TimeUnit.SECONDS);
        assertThat(used).as("CPU nanoseconds used while blocked for 300 ms").isLessThan(TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void spuriousSignalsDoNotEndTheWait() throws Exception {
        Flag a = new Flag();
        Thread[] t = new Thread[1];
        CompletableFuture<int[]> result = pollOnThread(List.of(a.pollable), t);
        Threads.awaitParked(t[0]);
        a.signal.signal(); // readiness "may have changed" but did not
        Threads.awaitParked(t[0]);
        assertThat(result).isNotDone();
        a.raise();
        assertThat(result.get(5, TimeUnit.SECONDS)).containsExactly(0);
    }

    @Test
    void interruptEndsTheWait() throws Exception {
        Flag a = new Flag();
        Thread[] t = new Thread[1];
        CompletableFuture<int[]> result = pollOnThread(List.of(a.pollable), t);
        Threads.awaitParked(t[0]);
        t[0].interrupt();
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void futurePollableIsReadyWhenTheFutureCompletes() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        Pollable p = Pollables.of(f);
        Thread[] t = new Thread[1];
        CompletableFuture<int[]> result = pollOnThread(List.of(p), t);
        Threads.awaitParked(t[0]);
        f.completeExceptionally(new RuntimeException("failure counts as ready"));
        assertThat(result.get(5, TimeUnit.SECONDS)).containsExactly(0);
        assertThat(p.ready()).isTrue();
    }

    @Test
    void timerBecomesReadyAndWaitsTimed() throws Exception {
        Flag never = new Flag();
        Pollable timer = Pollables.after(Duration.ofMillis(300));
        assertThat(timer.ready()).isFalse();
        Thread[] t = new Thread[1];
        long start = System.nanoTime();
        CompletableFuture<int[]> result = pollOnThread(List.of(never.pollable, timer), t);
        Threads.awaitParked(t[0]);
        if (!result.isDone()) {
            assertThat(t[0].getState()).isIn(Thread.State.TIMED_WAITING, Thread.State.TERMINATED, Thread.State.RUNNABLE);
        }
        assertThat(result.get(5, TimeUnit.SECONDS)).containsExactly(1);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void instantInThePastIsReadyAndHugeDurationsDoNotOverflow() throws Exception {
        assertThat(Pollables.atInstant(5, 10).ready()).isTrue();
        Pollable far = Pollables.after(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(far.ready()).isFalse();
        assertThat(Poll.poll(List.of(far, Pollables.atInstant(1, 1)))).containsExactly(1);
    }

    @Test
    void blockReturnsWhenReady() throws Exception {
        Flag a = new Flag();
        Thread signaller = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
            }
            a.raise();
        });
        signaller.start();
        a.pollable.block();
        assertThat(a.pollable.ready()).isTrue();
    }
}
