package dev.wharf.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The body relay between a guest's response body and WebFlux: what it holds before the hand-over, and how it streams
 * afterwards. The upstream is a Reactor {@code Flux.create} whose emissions the test drives and whose demand it counts.
 */
class ResponseBodyStartTest {

    /** An upstream the test writes into, recording the demand it received and whether it was cancelled. */
    private static final class Upstream {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicReference<FluxSink<ByteBuffer>> sink = new AtomicReference<>();
        final Flow.Publisher<ByteBuffer> publisher = JdkFlowAdapter.publisherToFlowPublisher(Flux.<ByteBuffer>create(s -> {
            sink.set(s);
            s.onRequest(requested::addAndGet);
            s.onCancel(() -> cancelled.set(true));
        }, FluxSink.OverflowStrategy.ERROR));

        void write(String text) {
            sink.get().next(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** A downstream that requests only when told to. */
    private static final class Downstream implements Flow.Subscriber<ByteBuffer> {
        final List<String> events = new CopyOnWriteArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuffer item) {
            events.add(StandardCharsets.US_ASCII.decode(item).toString());
        }

        @Override
        public void onError(Throwable t) {
            events.add("error: " + t.getMessage());
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }
    }

    private static String text(ByteBuffer b) {
        return StandardCharsets.US_ASCII.decode(b.duplicate()).toString();
    }

    @Test
    void aBodyFinishedBeforeTheHandOverIsHandedOverWholeInOneBuffer() {
        Upstream up = new Upstream();
        ResponseBodyStart start = new ResponseBodyStart(null);
        up.publisher.subscribe(start);
        assertThat(up.requested.get()).as("room for one chunk, as the head's writer gave").isEqualTo(1);
        up.write("hello ");
        up.write("from ");
        up.write("c\n");
        up.sink.get().complete();
        assertThat(up.requested.get()).as("at most a few chunks held").isLessThanOrEqualTo(4);

        var handed = start.handOver();
        assertThat(handed).isInstanceOfSatisfying(ResponseBodyStart.Start.Complete.class,
                c -> assertThat(text(c.body())).isEqualTo("hello from c\n"));
    }

    @Test
    void theHandOverIsQueuedOnTheEventLoopAtTheGuestsFirstBodySignalAndSeesWhatCameUntilItRuns() {
        Upstream up = new Upstream();
        List<Runnable> eventLoop = new ArrayList<>();
        ResponseBodyStart start = new ResponseBodyStart(eventLoop::add);
        up.publisher.subscribe(start);
        List<ResponseBodyStart.Start> handed = new ArrayList<>();
        start.whenReady(handed::add);
        assertThat(eventLoop).as("the head waits for the guest's first flush, as WebFlux's write did").isEmpty();

        up.write("hello from c\n");
        assertThat(eventLoop).hasSize(1);
        up.sink.get().complete(); // the guest finishes before the event loop runs the task
        assertThat(handed).isEmpty();
        eventLoop.get(0).run();
        assertThat(eventLoop).as("queued once").hasSize(1);
        assertThat(handed).singleElement().isInstanceOfSatisfying(ResponseBodyStart.Start.Complete.class,
                c -> assertThat(text(c.body())).isEqualTo("hello from c\n"));

        // the event loop first: the body streams
        Upstream slow = new Upstream();
        List<Runnable> loop2 = new ArrayList<>();
        ResponseBodyStart streaming = new ResponseBodyStart(loop2::add);
        slow.publisher.subscribe(streaming);
        List<ResponseBodyStart.Start> handed2 = new ArrayList<>();
        streaming.whenReady(handed2::add);
        slow.write("first ");
        loop2.get(0).run();
        assertThat(handed2).singleElement().isInstanceOf(ResponseBodyStart.Start.Streaming.class);
        Downstream down = new Downstream();
        ((ResponseBodyStart.Start.Streaming) handed2.get(0)).body().subscribe(down);
        down.subscription.request(Long.MAX_VALUE);
        slow.write("second");
        slow.sink.get().complete();
        assertThat(down.events).containsExactly("first ", "second", "complete");
    }

    @Test
    void anEmptyFinishedBodyIsCompleteAndEmpty() {
        Upstream up = new Upstream();
        ResponseBodyStart start = new ResponseBodyStart(null);
        up.publisher.subscribe(start);
        up.sink.get().complete();
        assertThat(start.handOver()).isInstanceOfSatisfying(ResponseBodyStart.Start.Complete.class,
                c -> assertThat(c.body().remaining()).isZero());
    }

    @Test
    void anUnfinishedBodyStreamsTheHeldChunksThenTheRestWithTheDownstreamsDemand() {
        Upstream up = new Upstream();
        ResponseBodyStart start = new ResponseBodyStart(null);
        up.publisher.subscribe(start);
        for (int i = 0; i < 4; i++) {
            up.write("h" + i + " ");
        }
        assertThat(up.requested.get()).as("holds at most four chunks: no more demand").isEqualTo(4);

        var handed = start.handOver();
        assertThat(handed).isInstanceOf(ResponseBodyStart.Start.Streaming.class);
        Downstream down = new Downstream();
        ((ResponseBodyStart.Start.Streaming) handed).body().subscribe(down);
        assertThat(down.events).isEmpty();

        down.subscription.request(2);
        assertThat(down.events).containsExactly("h0 ", "h1 ");
        assertThat(up.requested.get()).as("the held chunks cover the demand").isEqualTo(4);
        down.subscription.request(3);
        assertThat(down.events).containsExactly("h0 ", "h1 ", "h2 ", "h3 ");
        assertThat(up.requested.get()).as("one more than held is asked of the guest").isEqualTo(5);
        up.write("r0 ");
        up.sink.get().complete();
        assertThat(down.events).containsExactly("h0 ", "h1 ", "h2 ", "h3 ", "r0 ", "complete");
    }

    @Test
    void aBodyThatFailedBeforeTheHandOverStreamsWhatCameThenTheError() {
        Upstream up = new Upstream();
        ResponseBodyStart start = new ResponseBodyStart(null);
        up.publisher.subscribe(start);
        up.write("partial");
        up.sink.get().error(new IllegalStateException("aborted"));
        var handed = start.handOver();
        assertThat(handed).isInstanceOf(ResponseBodyStart.Start.Streaming.class);
        Downstream down = new Downstream();
        ((ResponseBodyStart.Start.Streaming) handed).body().subscribe(down);
        down.subscription.request(10);
        assertThat(down.events).containsExactly("partial", "error: aborted");
    }

    @Test
    void cancellingBeforeOrAfterTheHandOverCancelsTheGuestsBody() {
        Upstream before = new Upstream();
        ResponseBodyStart start = new ResponseBodyStart(null);
        before.publisher.subscribe(start);
        start.cancel();
        assertThat(before.cancelled).isTrue();

        Upstream after = new Upstream();
        ResponseBodyStart streaming = new ResponseBodyStart(null);
        after.publisher.subscribe(streaming);
        after.write("x");
        Downstream down = new Downstream();
        ((ResponseBodyStart.Start.Streaming) streaming.handOver()).body().subscribe(down);
        down.subscription.cancel();
        assertThat(after.cancelled).isTrue();
        down.subscription.request(1);
        assertThat(down.events).as("nothing after a cancel").isEmpty();
    }

    @Test
    void aSecondSubscriberToTheRestIsRefused() {
        Upstream up = new Upstream();
        ResponseBodyStart start = new ResponseBodyStart(null);
        up.publisher.subscribe(start);
        var rest = ((ResponseBodyStart.Start.Streaming) start.handOver()).body();
        rest.subscribe(new Downstream());
        Downstream second = new Downstream();
        rest.subscribe(second);
        assertThat(second.events).hasSize(1).first().asString().startsWith("error: ");
    }
}
