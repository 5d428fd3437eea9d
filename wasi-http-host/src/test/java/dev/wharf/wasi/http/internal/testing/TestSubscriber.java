package dev.wharf.wasi.http.internal.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Gateway stand-in for the response body: requests only when told to, records what arrives. */
public final class TestSubscriber implements Flow.Subscriber<ByteBuffer> {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    public final AtomicLong received = new AtomicLong();
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final CountDownLatch done = new CountDownLatch(1);
    public volatile Throwable error;
    public volatile boolean completed;
    public volatile Consumer<ByteBuffer> onNextHook = b -> {};
    public volatile Runnable onCompleteHook = () -> {};
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(ByteBuffer item) {
        onNextHook.accept(item);
        int len = item.remaining();
        synchronized (bytes) {
            byte[] b = new byte[item.remaining()];
            item.get(b);
            bytes.write(b, 0, b.length);
        }
        received.addAndGet(len);
        events.add("next");
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        events.add("error");
        done.countDown();
    }

    @Override
    public void onComplete() {
        onCompleteHook.run();
        completed = true;
        events.add("complete");
        done.countDown();
    }

    public void request(long n) {
        subscription.request(n);
    }

    public void cancel() {
        subscription.cancel();
    }

    public byte[] bytes() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    public int size() {
        synchronized (bytes) {
            return bytes.size();
        }
    }
}
