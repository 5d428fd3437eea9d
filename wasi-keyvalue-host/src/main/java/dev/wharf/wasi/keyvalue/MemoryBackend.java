package dev.wharf.wasi.keyvalue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Buckets in this process's memory, for developer mode without a database. One lock serialises every operation,
 * which makes each one atomic and every read see every earlier write.
 */
public final class MemoryBackend implements KeyValueBackend {
    /** {@code position} orders entries for paging; {@code version} changes on every write. */
    private record Entry(byte[] value, long position, long version) {}

    private static final class Bucket {
        final Map<String, Entry> entries = new HashMap<>();
        final NavigableMap<Long, String> byPosition = new TreeMap<>();
    }

    private final KeyValueLimits limits;
    private final Map<BucketId, Bucket> buckets = new HashMap<>();
    private final Map<String, Long> tenantBytes = new HashMap<>();
    private long sequence;

    public MemoryBackend(KeyValueLimits limits) {
        this.limits = limits;
    }

    @Override
    public KeyValueLimits limits() {
        return limits;
    }

    private Bucket bucket(BucketId id) {
        return buckets.computeIfAbsent(id, k -> new Bucket());
    }

    @Override
    public synchronized Optional<byte[]> get(BucketId bucket, String key) {
        Entry e = bucket(bucket).entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value.clone());
    }

    @Override
    public synchronized void set(BucketId bucket, String key, byte[] value) {
        setMany(bucket, List.of(Map.entry(key, value)));
    }

    @Override
    public synchronized void delete(BucketId bucket, String key) {
        Bucket b = bucket(bucket);
        Entry old = b.entries.remove(key);
        if (old != null) {
            b.byPosition.remove(old.position);
            tenantBytes.merge(bucket.tenant(), -size(key, old.value), Long::sum);
        }
    }

    @Override
    public synchronized boolean exists(BucketId bucket, String key) {
        return bucket(bucket).entries.containsKey(key);
    }

    @Override
    public synchronized KeyPage listKeys(BucketId bucket, OptionalLong after) {
        NavigableMap<Long, String> rest = after.isPresent()
                ? bucket(bucket).byPosition.tailMap(after.getAsLong(), false) : bucket(bucket).byPosition;
        List<String> keys = new ArrayList<>();
        long last = 0;
        for (Map.Entry<Long, String> e : rest.entrySet()) {
            if (keys.size() == limits.pageSize()) {
                return new KeyPage(keys, OptionalLong.of(last));
            }
            keys.add(e.getValue());
            last = e.getKey();
        }
        return new KeyPage(keys, OptionalLong.empty());
    }

    @Override
    public synchronized long increment(BucketId bucket, String key, long delta) {
        limits.checkKey(key);
        Entry e = bucket(bucket).entries.get(key);
        long next = e == null ? delta : CounterEncoding.add(key, CounterEncoding.decode(key, e.value), delta);
        set(bucket, key, CounterEncoding.encode(next));
        return next;
    }

    @Override
    public synchronized Optional<Versioned> getVersioned(BucketId bucket, String key) {
        Entry e = bucket(bucket).entries.get(key);
        return e == null ? Optional.empty() : Optional.of(new Versioned(e.value.clone(), e.version));
    }

    @Override
    public synchronized boolean compareAndSwap(BucketId bucket, String key, OptionalLong expectedVersion, byte[] value) {
        Entry e = bucket(bucket).entries.get(key);
        boolean unchanged = e == null ? expectedVersion.isEmpty()
                : expectedVersion.isPresent() && expectedVersion.getAsLong() == e.version;
        if (unchanged) {
            set(bucket, key, value);
        }
        return unchanged;
    }

    @Override
    public synchronized Map<String, byte[]> getMany(BucketId bucket, List<String> keys) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String key : keys) {
            get(bucket, key).ifPresent(v -> found.put(key, v));
        }
        return found;
    }

    @Override
    public synchronized void setMany(BucketId bucket, List<Map.Entry<String, byte[]>> pairs) {
        Bucket b = bucket(bucket);
        long delta = 0;
        Map<String, byte[]> last = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> pair : pairs) {
            limits.checkKey(pair.getKey());
            limits.checkValue(pair.getKey(), pair.getValue());
            last.put(pair.getKey(), pair.getValue());
        }
        for (Map.Entry<String, byte[]> pair : last.entrySet()) {
            Entry old = b.entries.get(pair.getKey());
            delta += size(pair.getKey(), pair.getValue()) - (old == null ? 0 : size(pair.getKey(), old.value));
        }
        long used = tenantBytes.getOrDefault(bucket.tenant(), 0L);
        if (delta > 0 && used + delta > limits.maxTenantBytes()) {
            throw limits.tenantFull(bucket.tenant(), used + delta);
        }
        for (Map.Entry<String, byte[]> pair : last.entrySet()) {
            Entry old = b.entries.get(pair.getKey());
            long position = old == null ? ++sequence : old.position;
            b.entries.put(pair.getKey(), new Entry(pair.getValue().clone(), position, ++sequence));
            b.byPosition.put(position, pair.getKey());
        }
        tenantBytes.put(bucket.tenant(), used + delta);
    }

    @Override
    public synchronized void deleteMany(BucketId bucket, List<String> keys) {
        keys.forEach(key -> delete(bucket, key));
    }

    private static long size(String key, byte[] value) {
        return key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + (long) value.length;
    }

    /** The {@code memory} type. */
    public static final class Factory implements KeyValueBackendFactory {
        @Override
        public String type() {
            return "memory";
        }

        @Override
        public KeyValueBackend create(dev.wharf.engine.plugin.PluginContext context, KeyValueLimits limits) {
            return new MemoryBackend(limits);
        }
    }
}
