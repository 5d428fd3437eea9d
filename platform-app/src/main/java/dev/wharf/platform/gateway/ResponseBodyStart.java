package dev.wharf.platform.gateway;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The start of a guest's response body, held until the gateway writes the response head, so a body the guest
 * already finished by then goes out with its head in one write.
 *
 * <p>Why: a guest sets its response (the head) before it writes the body, and each later body signal crossing from
 * the guest's thread to the event loop was its own flush: head, chunk and end of a short answer took three system
 * calls where a plain handler takes one. This subscribes to the body as soon as the head is known and takes what the
 * guest writes (a few chunks, with the same backpressure the guest had). The guest's first body signal (its first
 * flush, or the end of the body) is when the head used to be committed; then the hand-over is queued on the
 * connection's event loop, and when it runs it tells whether the body is complete by now. If it is, the gateway
 * sends head and body together with a {@code content-length}; if not, the {@link Start.Streaming} publisher sends
 * the held chunks and then the rest of the body as it comes, with downstream demand passed upstream. No timer: the
 * hold lasts until the event loop gets to it, which the write had to wait for anyway.
 *
 * <p>Thread-safe: the guest's signals, the event loop's requests and the hand-over may race. Signals to the
 * downstream subscriber are serialised by a drain loop and sent outside the lock.
 */
final class ResponseBodyStart implements Flow.Subscriber<ByteBuffer> {
    /** What the guest may write before the hand-over: this many chunks (each one unit of upstream demand). */
    private static final int MAX_HELD_CHUNKS = 4;

    /** The body as it stood at the hand-over. */
    sealed interface Start {
        /** The guest finished the body: all of it, with nothing more to come. */
        record Complete(ByteBuffer body) implements Start {}

        /** Still being written (or failed): stream it. */
        record Streaming(Flow.Publisher<ByteBuffer> body) implements Start {}
    }

    private final Executor eventLoop;
    private final ArrayDeque<ByteBuffer> held = new ArrayDeque<>();
    private Consumer<Start> whenReady;
    private boolean signalled;
    private boolean scheduled;
    private Flow.Subscription upstream;
    private long upstreamOutstanding;
    private boolean upstreamDone;
    private Throwable upstreamError;
    private boolean handedOver;
    private boolean cancelled;
    private Flow.Subscriber<? super ByteBuffer> downstream;
    private long downstreamDemand;
    private boolean terminalSent;
    private boolean emitting;

    /** @param eventLoop where the hand-over runs; null: at once, on the thread of the guest's first body signal */
    ResponseBodyStart(Executor eventLoop) {
        this.eventLoop = eventLoop;
    }

    /**
     * Hands the body over to {@code consumer} once the guest sent its first body signal (at once if it did), on the
     * event loop. Call once.
     */
    void whenReady(Consumer<Start> consumer) {
        synchronized (this) {
            whenReady = consumer;
        }
        scheduleIfReady();
    }

    private void scheduleIfReady() {
        Consumer<Start> consumer;
        synchronized (this) {
            if (scheduled || whenReady == null || !signalled) {
                return;
            }
            scheduled = true;
            consumer = whenReady;
        }
        Runnable task = () -> consumer.accept(handOver());
        if (eventLoop == null) {
            task.run();
            return;
        }
        try {
            eventLoop.execute(task);
        } catch (RejectedExecutionException e) { // the server is stopping: the write fails on its own
            task.run();
        }
    }

    // ---- upstream: the guest's body ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        boolean cancelNow;
        synchronized (this) {
            cancelNow = upstream != null || cancelled;
            if (upstream == null) {
                upstream = subscription;
                upstreamOutstanding = 1;
            }
        }
        if (cancelNow) {
            subscription.cancel();
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        Flow.Subscription more = null;
        synchronized (this) {
            signalled = true;
            held.add(chunk);
            upstreamOutstanding--;
            if (!handedOver && upstreamOutstanding == 0 && held.size() < MAX_HELD_CHUNKS) {
                upstreamOutstanding = 1;
                more = upstream;
            }
        }
        if (more != null) {
            more.request(1);
        }
        scheduleIfReady();
        drain();
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            signalled = true;
            upstreamError = error;
            upstreamDone = true;
        }
        scheduleIfReady();
        drain();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            signalled = true;
            upstreamDone = true;
        }
        scheduleIfReady();
        drain();
    }

    // ---- the gateway's side ----

    /**
     * Ends the holding: the whole body if the guest finished it without error, else a publisher (single subscriber)
     * of the held chunks and then the rest. Call once ({@link #whenReady} does).
     */
    Start handOver() {
        synchronized (this) {
            if (handedOver) {
                throw new IllegalStateException("handed over twice");
            }
            handedOver = true;
            if (upstreamDone && upstreamError == null) {
                int size = 0;
                for (ByteBuffer b : held) {
                    size += b.remaining();
                }
                ByteBuffer body;
                if (held.size() == 1) {
                    body = held.poll();
                } else {
                    body = ByteBuffer.allocate(size);
                    while (!held.isEmpty()) {
                        body.put(held.poll());
                    }
                    body.flip();
                }
                terminalSent = true;
                return new Start.Complete(body);
            }
        }
        return new Start.Streaming(this::subscribeRest);
    }

    /** Stops the body: the guest's next stream operation sees it closed. */
    void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            cancelled = true;
            terminalSent = true;
            held.clear();
            s = upstream;
        }
        if (s != null) {
            s.cancel();
        }
    }

    private void subscribeRest(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber);
        boolean accepted;
        synchronized (this) {
            accepted = downstream == null;
            if (accepted) {
                downstream = subscriber;
            }
        }
        if (!accepted) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException("a response body has a single subscriber"));
            return;
        }
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                onRequest(n);
            }

            @Override
            public void cancel() {
                ResponseBodyStart.this.cancel();
            }
        });
        drain();
    }

    private void onRequest(long n) {
        Flow.Subscription more = null;
        long want = 0;
        synchronized (this) {
            if (n <= 0) {
                upstreamError = new IllegalArgumentException("request(" + n + "): demand must be positive");
                upstreamDone = true;
                held.clear();
                more = upstream; // stop the guest's body: it has nowhere to go
            } else {
                downstreamDemand = downstreamDemand + n < 0 ? Long.MAX_VALUE : downstreamDemand + n;
                // ask the guest for what the downstream wants beyond what is held or already asked for
                want = downstreamDemand - held.size() - upstreamOutstanding;
                if (want > 0 && upstream != null && !upstreamDone && !cancelled) {
                    upstreamOutstanding += want;
                    more = upstream;
                } else {
                    want = 0;
                }
            }
        }
        if (more != null) {
            if (want > 0) {
                more.request(want);
            } else {
                more.cancel();
            }
        }
        drain();
    }

    private void drain() {
        synchronized (this) {
            if (emitting || downstream == null) {
                return;
            }
            emitting = true;
        }
        while (true) {
            Flow.Subscriber<? super ByteBuffer> s;
            ByteBuffer next = null;
            Throwable error = null;
            boolean complete = false;
            synchronized (this) {
                s = downstream;
                if (terminalSent) {
                    emitting = false;
                    return;
                }
                if (downstreamDemand > 0 && !held.isEmpty()) {
                    next = held.poll();
                    downstreamDemand--;
                } else if (held.isEmpty() && upstreamDone) {
                    terminalSent = true;
                    error = upstreamError;
                    complete = error == null;
                } else {
                    emitting = false;
                    return;
                }
            }
            if (next != null) {
                s.onNext(next);
            } else if (complete) {
                s.onComplete();
            } else {
                s.onError(error);
            }
        }
    }
}
