package dev.wharf.wasi.http.internal.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.wasi.http.internal.io.StreamError;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.testing.TestPublisher;
import dev.wharf.wasi.http.internal.testing.Threads;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IncomingBodyStreamTest {

    private static IncomingBodyStream subscribed(TestPublisher pub, IncomingBodyStream.Limits limits) {
        IncomingBodyStream in = new IncomingBodyStream(limits);
        pub.subscribe(in);
        return in;
    }

    private static StreamError errorOf(ThrowingRead r) throws InterruptedException {
        try {
            r.run();
        } catch (StreamErrorException e) {
            return e.error();
        }
        throw new AssertionError("expected a stream error");
    }

    interface ThrowingRead {
        void run() throws StreamErrorException, InterruptedException;
    }

    @Test
    void requestsOnlyToRefillTheBoundedBuffer() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, new IncomingBodyStream.Limits(2, 1 << 20, -1));
        assertThat(pub.requested.get()).isEqualTo(2);
        pub.emit(new byte[10]);
        pub.emit(new byte[10]);
        assertThat(pub.requested.get()).as("full buffer: no more demand").isEqualTo(2);
        assertThat(in.read(5)).hasSize(5);
        assertThat(pub.requested.get()).as("first chunk only half consumed").isEqualTo(2);
        assertThat(in.read(5)).hasSize(5);
        assertThat(pub.requested.get()).as("one chunk freed, one requested").isEqualTo(3);
        assertThat(in.read(100)).hasSize(10);
        assertThat(pub.requested.get()).isEqualTo(4);
        assertThat(in.read(100)).as("non-blocking read with nothing buffered").isEmpty();
        assertThat(in.subscribe().ready()).isFalse();
    }

    @Test
    void byteBoundStopsDemandEvenWithFreeChunkSlots() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, new IncomingBodyStream.Limits(4, 100, -1));
        pub.emit(new byte[150]);
        in.skip(10); // consumption triggers a demand check, but 140 >= 100 bytes are still queued
        assertThat(pub.requested.get()).isEqualTo(4);
        assertThat(in.skip(1000)).isEqualTo(140);
        assertThat(pub.requested.get()).isEqualTo(5);
    }

    @Test
    void endOfStreamIsClosedAfterTheBufferedData() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, IncomingBodyStream.Limits.DEFAULT);
        pub.emit("hello".getBytes(StandardCharsets.US_ASCII));
        pub.complete();
        assertThat(in.subscribe().ready()).isTrue();
        assertThat(new String(in.read(100), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(errorOf(() -> in.read(100))).isEqualTo(StreamError.closed());
        assertThat(errorOf(() -> in.blockingRead(100))).isEqualTo(StreamError.closed());
        assertThat(errorOf(() -> in.skip(1))).isInstanceOf(StreamError.Closed.class);
    }

    @Test
    void upstreamErrorIsLastOperationFailedOnceThenClosed() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, IncomingBodyStream.Limits.DEFAULT);
        pub.emit(new byte[3]);
        pub.error(new java.io.IOException("connection reset by peer"));
        assertThat(in.read(10)).hasSize(3);
        StreamError e = errorOf(() -> in.read(10));
        assertThat(e).isInstanceOfSatisfying(StreamError.LastOperationFailed.class, f -> {
            assertThat(f.error().debugString()).contains("connection reset by peer");
            assertThat(f.error().cause()).isInstanceOf(java.io.IOException.class);
        });
        assertThat(errorOf(() -> in.read(10))).isEqualTo(StreamError.closed());
    }

    @Test
    void blockingReadWaitsParkedForData() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, IncomingBodyStream.Limits.DEFAULT);
        CompletableFuture<byte[]> got = new CompletableFuture<>();
        Thread guest = new Thread(() -> {
            try {
                got.complete(in.blockingRead(100));
            } catch (Throwable e) {
                got.completeExceptionally(e);
            }
        });
        guest.start();
        Threads.awaitParked(guest);
        pub.emit(new byte[] {1, 2, 3});
        assertThat(got.get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    }

    @Test
    void streamsEightMebibytesWithBoundedBuffering() throws Exception {
        int chunk = 16 * 1024;
        int chunks = 512; // 8 MiB
        int bound = 4;
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, new IncomingBodyStream.Limits(bound, 64 * 1024, -1));
        Thread producer = new Thread(() -> {
            try {
                for (int c = 0; c < chunks; c++) {
                    byte[] b = new byte[chunk];
                    for (int i = 0; i < chunk; i++) {
                        b[i] = (byte) (c * 31 + i);
                    }
                    pub.emitWhenRequested(b);
                }
                pub.complete();
            } catch (InterruptedException ignored) {
            }
        });
        producer.start();
        long total = 0;
        long maxAhead = 0;
        while (true) {
            byte[] data;
            try {
                data = in.blockingRead(7000);
            } catch (StreamErrorException e) {
                assertThat(e.error()).isEqualTo(StreamError.closed());
                break;
            }
            for (int k = 0; k < data.length; k++) {
                long pos = total + k;
                int c = (int) (pos / chunk);
                int i = (int) (pos % chunk);
                if (data[k] != (byte) (c * 31 + i)) {
                    throw new AssertionError("byte " + pos + " out of order");
                }
            }
            total += data.length;
            // Requested chunks beyond those fully consumed never exceed the buffer bound.
            long ahead = pub.requested.get() - total / chunk;
            maxAhead = Math.max(maxAhead, ahead);
            assertThat(ahead).isLessThanOrEqualTo(bound);
        }
        producer.join();
        assertThat(total).isEqualTo((long) chunk * chunks);
        assertThat(maxAhead).isEqualTo(bound);
    }

    @Test
    void bodyOverTheLimitFailsWithADistinctErrorAndCancelsUpstream() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, IncomingBodyStream.Limits.DEFAULT.withMaxTotalBytes(100));
        pub.emit(new byte[60]);
        assertThat(in.limitExceeded()).isEmpty();
        pub.emit(new byte[60]);
        assertThat(pub.cancelled).isTrue();
        assertThat(in.limitExceeded()).hasValueSatisfying(e -> assertThat(e.limit()).isEqualTo(100));
        assertThat(in.read(1000)).hasSize(60);
        assertThat(errorOf(() -> in.read(1000))).isInstanceOfSatisfying(StreamError.LastOperationFailed.class,
                f -> assertThat(f.error().cause()).isInstanceOf(BodyTooLargeException.class));
    }

    @Test
    void aChunkThatWasNotRequestedIsAProtocolError() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, new IncomingBodyStream.Limits(1, 1024, -1));
        pub.emit(new byte[1]);
        in.onNext(java.nio.ByteBuffer.wrap(new byte[1])); // bypasses the test publisher's own check
        assertThat(pub.cancelled).isTrue();
        assertThat(in.read(10)).hasSize(1);
        assertThat(errorOf(() -> in.read(10))).isInstanceOf(StreamError.LastOperationFailed.class);
    }

    @Test
    void droppingTheStreamStopsDemandAndCancelDropsUpstream() throws Exception {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream in = subscribed(pub, new IncomingBodyStream.Limits(1, 1024, -1));
        pub.emit(new byte[5]);
        in.close();
        assertThat(pub.requested.get()).isEqualTo(1);
        assertThat(pub.cancelled).isFalse();
        in.cancel();
        assertThat(pub.cancelled).isTrue();
    }
}
