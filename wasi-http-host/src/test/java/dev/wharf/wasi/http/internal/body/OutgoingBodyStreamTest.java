package dev.wharf.wasi.http.internal.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.StreamError;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiTrap;
import dev.wharf.wasi.http.internal.testing.TestPublisher;
import dev.wharf.wasi.http.internal.testing.TestSubscriber;
import dev.wharf.wasi.http.internal.testing.Threads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OutgoingBodyStreamTest {
    private static final int CHUNK = 16 * 1024;
    private static final long MAX = 64 * 1024;

    private static StreamError errorOf(Op op) throws Exception {
        try {
            op.run();
        } catch (StreamErrorException e) {
            return e.error();
        }
        throw new AssertionError("expected a stream error");
    }

    interface Op {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> onThread(Op op, Thread[] out) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                op.run();
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "guest");
        out[0] = t;
        t.start();
        return f;
    }

    @Test
    void checkWriteFollowsDownstreamDemand() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        assertThat(out.checkWrite()).as("no subscriber yet").isZero();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        assertThat(out.checkWrite()).as("subscriber without demand").isZero();
        assertThat(out.subscribe().ready()).isFalse();
        sub.request(1);
        assertThat(out.checkWrite()).isEqualTo(CHUNK);
        assertThat(out.subscribe().ready()).isTrue();
        sub.request(2);
        assertThat(out.checkWrite()).isEqualTo(3L * CHUNK);
        sub.request(Long.MAX_VALUE);
        assertThat(out.checkWrite()).as("capped by the buffer bound").isEqualTo(MAX);
    }

    @Test
    void writeBeyondThePermitTraps() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        assertThatThrownBy(() -> out.write(new byte[1])).isInstanceOf(WasiTrap.class);
        sub.request(1);
        out.write(new byte[100]);
        assertThat(out.checkWrite()).isEqualTo(CHUNK - 100);
        assertThatThrownBy(() -> out.write(new byte[CHUNK])).isInstanceOf(WasiTrap.class);
        assertThatThrownBy(() -> out.blockingWriteAndFlush(new byte[4097])).isInstanceOf(WasiTrap.class);
    }

    @Test
    void flushSendsAPartialChunkAndHoldsThePermitUntilDemand() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        sub.request(1);
        out.write("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(sub.size()).as("coalesced until flush").isZero();
        out.flush();
        assertThat(new String(sub.bytes(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(out.checkWrite()).as("demand used up").isZero();
        out.writeZeroes(0);
        sub.request(1);
        out.writeZeroes(5);
        out.flush();
        assertThat(sub.bytes()).hasSize(8).endsWith(0, 0, 0, 0, 0);
    }

    @Test
    void blockingWriteAndFlushWaitsParkedUntilDemandArrives() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        byte[] data = new byte[4096];
        java.util.Arrays.fill(data, (byte) 7);
        Thread[] t = new Thread[1];
        CompletableFuture<Void> done = onThread(() -> out.blockingWriteAndFlush(data), t);
        Threads.awaitParked(t[0]);
        assertThat(done).isNotDone();
        sub.request(1);
        done.get(5, TimeUnit.SECONDS);
        assertThat(sub.bytes()).isEqualTo(data);
    }

    @Test
    void blockingWriteIsInterruptible() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        out.subscribe(new TestSubscriber());
        Thread[] t = new Thread[1];
        CompletableFuture<Void> done = onThread(() -> out.blockingWriteAndFlush(new byte[10]), t);
        Threads.awaitParked(t[0]);
        t[0].interrupt();
        assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void streamsEightMebibytesInOrderToASlowSubscriber() throws Exception {
        int total = 8 * 1024 * 1024;
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        AtomicBoolean overBuffered = new AtomicBoolean();
        Thread[] t = new Thread[1];
        CompletableFuture<Void> guest = onThread(() -> {
            Pollable writable = out.subscribe();
            int pos = 0;
            while (pos < total) {
                writable.block();
                int n = (int) Math.min(out.checkWrite(), total - pos);
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) ((pos + i) * 7 + ((pos + i) >> 16));
                }
                out.write(b);
                pos += n;
                if (out.bytesWritten() - sub.received.get() > MAX + CHUNK) {
                    overBuffered.set(true);
                }
            }
            out.finish(null);
        }, t);
        // Pull slowly: one chunk at a time, yielding in between.
        while (!sub.completed && sub.error == null) {
            sub.request(1);
            Thread.sleep(0, 200_000);
            if (guest.isCompletedExceptionally()) {
                guest.join();
            }
        }
        guest.get(30, TimeUnit.SECONDS);
        assertThat(sub.error).isNull();
        assertThat(overBuffered).as("never more than the buffer bound in flight").isFalse();
        byte[] got = sub.bytes();
        assertThat(got).hasSize(total);
        for (int i = 0; i < total; i++) {
            if (got[i] != (byte) (i * 7 + (i >> 16))) {
                throw new AssertionError("byte " + i + " out of order");
            }
        }
    }

    @Test
    void smallWritesCoalesceIntoFullChunksInOrder() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
        sub.onNextHook = b -> chunkSizes.add(b.remaining());
        out.subscribe(sub);
        sub.request(Long.MAX_VALUE);
        int total = 0;
        for (int next = 1; total < 3 * CHUNK + 500; next = next % 700 + 13) { // 1, 14, 27, ... wrapping
            int size = Math.min(next, 3 * CHUNK + 500 - total);
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = (byte) (total + i);
            }
            out.write(b);
            total += size;
        }
        out.finish(null);
        assertThat(sub.completed).isTrue();
        assertThat(chunkSizes).containsExactly(CHUNK, CHUNK, CHUNK, 500);
        byte[] got = sub.bytes();
        assertThat(got).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(got[i]).as("byte %d", i).isEqualTo((byte) i);
        }
    }

    @Test
    void trailersArriveAfterTheLastChunk() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        List<String> seen = new CopyOnWriteArrayList<>();
        sub.onNextHook = b -> seen.add("chunk, trailers done=" + out.trailers().isDone());
        sub.onCompleteHook = () -> seen.add("complete, trailers=" + out.trailers().join()
                .map(f -> new String(f.get("X-Checksum").get(0), StandardCharsets.US_ASCII)).orElse("none"));
        out.subscribe(sub);
        sub.request(10);
        out.write("body".getBytes(StandardCharsets.US_ASCII));
        Fields trailers = new Fields();
        trailers.append("x-checksum", "abc123".getBytes(StandardCharsets.US_ASCII));
        out.finish(trailers);
        trailers.append("x-late", new byte[] {'x'}); // edits after finish are not sent
        assertThat(seen).containsExactly("chunk, trailers done=false", "complete, trailers=abc123");
        assertThat(out.trailers().join().orElseThrow().has("x-late")).isFalse();
        assertThat(sub.events).containsExactly("next", "complete");
        assertThat(errorOf(() -> out.checkWrite())).isEqualTo(StreamError.closed());
    }

    @Test
    void finishWaitsForDemandBeforeCompleting() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        sub.request(1);
        out.write(new byte[CHUNK]); // sent at once: a full chunk
        sub.request(1);
        out.write(new byte[10]);
        assertThat(sub.size()).isEqualTo(CHUNK);
        out.finish(null);
        assertThat(sub.events).containsExactly("next", "next", "complete");
        assertThat(out.trailers().join()).isEmpty();
    }

    @Test
    void clientDisconnectMakesWritesFailClosed() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        sub.request(1);
        Pollable writable = out.subscribe();
        sub.cancel();
        assertThat(out.isCancelled()).isTrue();
        assertThat(writable.ready()).as("subscribe is ready on closed").isTrue();
        assertThat(errorOf(out::checkWrite)).isEqualTo(StreamError.closed());
        assertThat(errorOf(() -> out.write(new byte[1]))).isEqualTo(StreamError.closed());
        assertThat(errorOf(() -> out.blockingWriteAndFlush(new byte[1]))).isEqualTo(StreamError.closed());
        assertThat(out.trailers()).isCompletedExceptionally();
    }

    @Test
    void disconnectWakesABlockedWriter() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        Thread[] t = new Thread[1];
        CompletableFuture<Void> done = onThread(() -> out.blockingWriteAndFlush(new byte[10]), t);
        Threads.awaitParked(t[0]);
        sub.cancel();
        assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                StreamErrorException.class, e -> assertThat(e.error()).isEqualTo(StreamError.closed()));
    }

    @Test
    void abortSignalsOnErrorSoTheGatewayCutsTheResponse() throws Exception {
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);
        sub.request(1);
        out.write(new byte[10]);
        out.abort("guest trapped");
        assertThat(sub.error).isInstanceOf(ResponseAbortedException.class).hasMessageContaining("guest trapped");
        assertThat(sub.events).containsExactly("error");
        assertThat(out.trailers()).isCompletedExceptionally();
    }

    @Test
    void aSecondSubscriberIsRejected() {
        OutgoingBodyStream out = new OutgoingBodyStream();
        out.subscribe(new TestSubscriber());
        TestSubscriber second = new TestSubscriber();
        out.subscribe(second);
        assertThat(second.error).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void spliceMovesBytesFromAnInputStream() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = new IncomingBodyStream();
        pub.subscribe(in);
        OutgoingBodyStream out = new OutgoingBodyStream();
        TestSubscriber sub = new TestSubscriber();
        out.subscribe(sub);

        pub.emit("hello ".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.splice(in, 100)).as("no permit yet").isZero();
        sub.request(5);
        assertThat(out.splice(in, 100)).isEqualTo(6);
        assertThat(out.splice(in, 100)).as("input has nothing buffered").isZero();

        Thread[] t = new Thread[1];
        long[] moved = new long[1];
        CompletableFuture<Void> done = onThread(() -> moved[0] = out.blockingSplice(in, 100), t);
        Threads.awaitParked(t[0]);
        pub.emit("world".getBytes(StandardCharsets.US_ASCII));
        done.get(5, TimeUnit.SECONDS);
        assertThat(moved[0]).isEqualTo(5);

        pub.complete();
        assertThat(errorOf(() -> out.splice(in, 100))).as("input EOF is the splice's error").isEqualTo(StreamError.closed());
        out.flush();
        assertThat(new String(sub.bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
    }
}
