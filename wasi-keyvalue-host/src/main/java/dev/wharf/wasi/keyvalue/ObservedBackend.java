package dev.wharf.wasi.keyvalue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** A {@link KeyValueBackend} that reports every call, its outcome and its duration to a {@link KeyValueObserver}. */
public final class ObservedBackend implements KeyValueBackend {
    private final KeyValueBackend backend;
    private final KeyValueObserver observer;

    public ObservedBackend(KeyValueBackend backend, KeyValueObserver observer) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    private <T> T observe(BucketId bucket, String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return call.get();
        } catch (KeyValueException e) {
            outcome = KeyValueObserver.outcome(e);
            throw e;
        } finally {
            observer.operation(bucket.tenant(), operation, outcome, System.nanoTime() - start);
        }
    }

    private void observe(BucketId bucket, String operation, Runnable call) {
        observe(bucket, operation, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public KeyValueLimits limits() {
        return backend.limits();
    }

    @Override
    public Optional<byte[]> get(BucketId bucket, String key) {
        return observe(bucket, "get", () -> backend.get(bucket, key));
    }

    @Override
    public void set(BucketId bucket, String key, byte[] value) {
        observe(bucket, "set", () -> backend.set(bucket, key, value));
    }

    @Override
    public void delete(BucketId bucket, String key) {
        observe(bucket, "delete", () -> backend.delete(bucket, key));
    }

    @Override
    public boolean exists(BucketId bucket, String key) {
        return observe(bucket, "exists", () -> backend.exists(bucket, key));
    }

    @Override
    public KeyPage listKeys(BucketId bucket, OptionalLong after) {
        return observe(bucket, "list-keys", () -> backend.listKeys(bucket, after));
    }

    @Override
    public long increment(BucketId bucket, String key, long delta) {
        return observe(bucket, "increment", () -> backend.increment(bucket, key, delta));
    }

    @Override
    public Optional<Versioned> getVersioned(BucketId bucket, String key) {
        return observe(bucket, "cas-read", () -> backend.getVersioned(bucket, key));
    }

    @Override
    public boolean compareAndSwap(BucketId bucket, String key, OptionalLong expectedVersion, byte[] value) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            boolean swapped = backend.compareAndSwap(bucket, key, expectedVersion, value);
            if (!swapped) {
                outcome = "cas-conflict";
            }
            return swapped;
        } catch (KeyValueException e) {
            outcome = KeyValueObserver.outcome(e);
            throw e;
        } finally {
            observer.operation(bucket.tenant(), "cas-swap", outcome, System.nanoTime() - start);
        }
    }

    @Override
    public Map<String, byte[]> getMany(BucketId bucket, List<String> keys) {
        return observe(bucket, "get-many", () -> backend.getMany(bucket, keys));
    }

    @Override
    public void setMany(BucketId bucket, List<Map.Entry<String, byte[]>> entries) {
        observe(bucket, "set-many", () -> backend.setMany(bucket, entries));
    }

    @Override
    public void deleteMany(BucketId bucket, List<String> keys) {
        observe(bucket, "delete-many", () -> backend.deleteMany(bucket, keys));
    }
}
